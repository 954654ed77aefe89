{% macro create_build_log() -%}
    {%- set runs = cx_platform.build_log_relation('cx_build_runs') -%}
    {%- set nodes = cx_platform.build_log_relation('cx_build_run_nodes') -%}
    {%- set text = dbt.type_string() -%}
    {%- set int = dbt.type_int() -%}
    {%- set ts = dbt.type_timestamp() -%}
    {% do adapter.create_schema(runs) %}
    {% do run_query(
        "create table if not exists " ~ runs ~ " ("
        ~ "invocation_id " ~ text ~ ", dbt_command " ~ text
        ~ ", node_selection " ~ text ~ ", status " ~ text
        ~ ", nodes_run " ~ int ~ ", nodes_failed " ~ int
        ~ ", nodes_skipped " ~ int ~ ", is_full_refresh " ~ dbt.type_boolean()
        ~ ", started_at " ~ ts ~ ", finished_at " ~ ts ~ ")"
    ) %}
    {% do run_query(
        "create table if not exists " ~ nodes ~ " ("
        ~ "invocation_id " ~ text ~ ", unique_id " ~ text
        ~ ", tested_unique_id " ~ text ~ ", node_name " ~ text
        ~ ", resource_type " ~ text ~ ", relation_name " ~ text
        ~ ", status " ~ text ~ ", message " ~ text
        ~ ", failures " ~ int ~ ", execution_seconds " ~ cx_platform.type_double() ~ ")"
    ) %}
{%- endmacro %}
