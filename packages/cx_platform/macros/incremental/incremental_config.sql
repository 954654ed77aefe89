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
    one transaction, and the project-wide post-hook cx_platform.record_processed_batch
    (dbt_project.yml) records the batch in the same transaction. A run that
    fails records nothing, so the next run reprocesses from the same point.
    When the settings a model depends on (vars, lookup seeds) change, it
    recomputes every key. -#}

{% macro incremental_config(unique_key, seeds=[]) -%}
    {#- The config of a downstream incremental model, in one call:
        `{{ config(**cx_platform.incremental_config(unique_key='ticket_id')) }}`.

        Incremental on DuckDB, whose incremental runs the tests prove; a
        plain table elsewhere, so no engine is sent the delete of the
        strategy (Spark's default tables cannot delete), and nothing is
        lost: raw data there is tables, which carry no mark of new rows, so
        every base_ row is rewritten in every run and every key would be
        recomputed anyway.

        What a run recomputes is the model's macro affected_keys__<model>
        (macros/affected_keys/, one file per model): its strategy,
        cx_replace_affected, calls it for the keys whose rows it deletes,
        and the model's SQL for the keys it recomputes, so both see the same
        set. It is called here while dbt parses, so that dbt sees the
        tables it reads. After the model, the project-wide post-hook
        record_processed_batch records the batch it processed. `seeds`: the
        lookup seeds the model reads, whose contents are part of its
        settings (settings_fingerprint reads them from the model's meta). -#}
    {#- only while dbt parses the model: a unit test of the model renders
        its SQL under the test's own node, named after the test -#}
    {%- if not execute and model.resource_type == 'model' -%}
        {%- set affected_keys = context.get('affected_keys__' ~ model.name) -%}
        {%- if affected_keys is none -%}
            {{ exceptions.raise_compiler_error(
                model.name ~ ": incremental_config needs the macro affected_keys__"
                ~ model.name ~ " (macros/affected_keys/)"
            ) }}
        {%- endif -%}
        {%- do affected_keys() -%}
    {%- endif -%}
    {{ return({
        'materialized': 'incremental' if target.type == 'duckdb' else 'table',
        'incremental_strategy': 'cx_replace_affected',
        'on_schema_change': 'fail',
        'unique_key': unique_key,
        'meta': {'settings_seeds': seeds},
    }) }}
{%- endmacro %}
