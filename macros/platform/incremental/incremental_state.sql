{#- Incremental runs: which rows a model recomputes.

    Every base_ model row carries cx_batch, the batch (dbt invocation) that
    last wrote it, and so do the internal incremental tables. A downstream
    incremental model recomputes the keys whose inputs changed since the
    batch it last processed, which it records in the state table
    audit.cx_incremental_state (not in its own rows, so that the marts carry
    no bookkeeping column). Its SQL recomputes those keys from the current
    inputs into a temporary table, its incremental strategy
    (cx_replace_affected) deletes their rows and inserts the recomputed
    ones (an entity that no longer exists simply is not inserted again), in
    one transaction, and a post-hook records the batch. A run that fails
    records nothing, so the next run reprocesses from the same point. When
    the settings a model depends on (vars, lookup seeds) change, it
    recomputes every key. -#}

{% macro cx_state_relation() -%}
    {{ return(api.Relation.create(
        database=target.database if target.database is defined else none,
        schema=generate_schema_name('audit', none),
        identifier='cx_incremental_state'
    )) }}
{%- endmacro %}

{% macro create_incremental_state() -%}
    {#- on-run-start: the state table, if it does not exist yet. -#}
    {%- set state = cx_state_relation() -%}
    {#- the adapter's own statement (Postgres names no database in it) -#}
    {% do adapter.create_schema(state) %}
    {% do run_query(
        "create table if not exists " ~ state ~ " ("
        ~ "model_name " ~ dbt.type_string() ~ ", "
        ~ "processed_batch " ~ dbt.type_timestamp() ~ ", "
        ~ "settings_fingerprint " ~ dbt.type_string() ~ ")"
    ) %}
{%- endmacro %}

{% macro processed_batch(seeds=[]) -%}
    {#- The last batch this model processed (a subquery); long ago when
        none, or when its settings changed since (then every key is
        recomputed). Only an incremental run asks. -#}
    {%- if not is_incremental() -%}
        {{ return("cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif %}
    (
        select
            coalesce(
                max(
                    case
                        when settings_fingerprint = '{{ settings_fingerprint(seeds) }}' {#- noqa: LT05 #}
                            then processed_batch
                    end
                ),
                cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
        from {{ cx_state_relation() }}
        where model_name = '{{ this.identifier }}'
    )
{%- endmacro %}

{% macro record_processed_batch(seeds=[]) -%}
    {#- post-hook of every downstream incremental model (with the same
        `seeds` as its processed_batch()). -#}
    insert into {{ cx_state_relation() }}
    values (
        '{{ this.identifier }}', {{ cx_batch() }}, '{{ settings_fingerprint(seeds) }}' {#- noqa: LT05 #}
    )
{%- endmacro %}

{% macro settings_fingerprint(seeds=[]) -%}
    {#- The vars that shape the derived tables, and the contents of the
        lookup `seeds` a model reads: when any of them changes, the model
        recomputes every key. -#}
    {%- set parts = [] -%}
    {%- for name in [
        'business_days', 'business_start_time', 'business_end_time',
        'business_timezone', 'inactivity_days', 'as_of_date',
    ] -%}
        {%- do parts.append(name ~ '=' ~ var(name, none)) -%}
    {%- endfor -%}
    {%- if execute -%}
        {%- for seed_name in seeds -%}
            {%- set rows = run_query(
                "select * from " ~ ref(seed_name) ~ " order by 1, 2"
            ).rows -%}
            {%- do parts.append(seed_name ~ '=' ~ (rows | map('list') | list)) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(local_md5(parts | join('|'))) }}
{%- endmacro %}
