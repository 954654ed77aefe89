{#- Incremental runs: which rows a model recomputes.

    Every base_ model row carries cx_batch, the batch (dbt invocation) that
    last wrote it, and so do the internal incremental tables. A downstream
    incremental model recomputes the keys whose inputs changed since the
    batch it last processed, which it records in the state table
    audit.cx_incremental_state (not in its own rows, so that the marts carry
    no bookkeeping column). Its SQL header deletes those keys first
    (delete_affected_rows), its SQL recomputes them from the current inputs
    (an entity that no longer exists simply is not inserted again), the
    append adds them, and a post-hook records the batch. A run that fails
    records nothing, so the next run reprocesses from the same point. When
    the settings a model depends on (vars, lookup seeds) change, it
    recomputes every key. -#}

{% macro downstream_materialization() -%}
    {#- The downstream incremental models (config materialized=...):
        incremental on DuckDB, whose incremental runs the tests prove; plain
        tables elsewhere, so no engine is sent the delete of
        delete_affected_rows() (Spark's default tables cannot delete), and
        nothing is lost: raw data there is tables, which carry no mark of
        new rows, so every base_ row is rewritten in every run and every
        key would be recomputed anyway. -#}
    {{ return('incremental' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}

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
                        when settings_fingerprint = '{{ settings_fingerprint(seeds) }}'
                            then processed_batch
                    end
                ),
                cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
        from {{ cx_state_relation() }}
        where model_name = '{{ this.identifier }}'
    )
{%- endmacro %}

{% macro settings_changed(seeds=[]) -%}
    {#- True when the model never ran with its current settings. -#}
    (
        not exists (
            select 1
            from {{ cx_state_relation() }}
            where
                model_name = '{{ this.identifier }}'
                and settings_fingerprint = '{{ settings_fingerprint(seeds) }}'
        )
    )
{%- endmacro %}

{% macro record_processed_batch(seeds=[]) -%}
    {#- post-hook of every downstream incremental model (with the same
        `seeds` as its processed_batch()). -#}
    insert into {{ cx_state_relation() }}
    values (
        '{{ this.identifier }}', {{ cx_batch() }}, '{{ settings_fingerprint(seeds) }}'
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

{% macro delete_affected_rows(key_column, affected_keys) -%}
    {#- SQL header of a downstream incremental model: in an incremental run,
        delete the rows of the keys it recomputes. -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ key_column }} in ({{ affected_keys }});
    {%- endif -%}
{%- endmacro %}

{% macro changed_customer_records(seeds=[]) -%}
    {#- Customer records (customer_id, email_normalized) whose canonical
        customer_key may have changed since this model's last batch: the
        records int_customers_resolved rewrote, and the records that
        changed in staging (a record now rejected is no longer resolved at
        all). A reference to any of them, by id or by e-mail, may resolve
        to another customer now. -#}
    select
        resolved.customer_id,
        resolved.email_normalized
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.cx_batch > {{ processed_batch(seeds) }}
    union
    select
        records.customer_id,
        records.email_normalized
    from {{ ref('base_crm__customers') }} as records
    where records.cx_batch > {{ processed_batch(seeds) }}
{%- endmacro %}

{% macro keys_in(column, keys_sql, max_literals=50000) -%}
    {#- `column in (keys_sql)`, written as a list of literals when the keys
        are few: a literal list is pushed below window functions and
        aggregates of the views a model reads (a subquery is not), so a
        daily run sorts only the affected tickets' events instead of all of
        them. Many keys (a recompute of everything) keep the subquery. -#}
    {%- if not execute -%}
        {{ return(column ~ ' in (' ~ keys_sql ~ ')') }}
    {%- endif -%}
    {%- set values = run_query(
        'select distinct * from (' ~ keys_sql ~ ') as cx_keys limit '
        ~ (max_literals + 1)
    ).columns[0].values() | reject('none') | list -%}
    {%- if values | length > max_literals -%}
        {{ return(column ~ ' in (' ~ keys_sql ~ ')') }}
    {%- elif values | length == 0 -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for v in values | sort -%}
        {%- do literals.append("'" ~ (v | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {{ return(column ~ ' in (' ~ literals | join(', ') ~ ')') }}
{%- endmacro %}
