{% macro create_incremental_state() -%}
    {#- on-run-start: the state table, if it does not exist yet. -#}
    {%- set state = source('cx_incremental', 'cx_incremental_state') -%}
    {#- the adapter's own statement (Postgres names no database in it) -#}
    {% do adapter.create_schema(state) %}
    {% do run_query(
        "create table if not exists " ~ state ~ " ("
        ~ "model_name " ~ dbt.type_string() ~ ", "
        ~ "processed_batch " ~ dbt.type_timestamp() ~ ", "
        ~ "settings_fingerprint " ~ dbt.type_string() ~ ")"
    ) %}
{%- endmacro %}
