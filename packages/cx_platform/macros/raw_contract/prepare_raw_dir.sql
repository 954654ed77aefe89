{% macro prepare_raw_dir() -%}
    {#- on-run-start, when CX_RAW_DIR is set: one error for the run when it
        names no folder (instead of one per raw table), and the table of
        the raw files already checked (check_raw_files) and the table of
        the files each base_ model has loaded, with their fingerprints
        (audit.cx_raw_files_loaded: raw_scope, commit_raw_files), created
        here, before models compile on several threads. Returns no SQL. -#}
    {%- set raw_dir = cx_platform.raw_dir() -%}
    {%- if execute and raw_dir != '' -%}
        {%- do cx_platform.require_raw_dir(raw_dir) -%}
        {%- set checked = cx_platform.state_relation('cx_raw_files_checked') -%}
        {%- do run_query("create schema if not exists " ~ checked.include(identifier=false)) -%}
        {%- do run_query(
            "create table if not exists " ~ checked
            ~ " (file_path " ~ dbt.type_string() ~ ", file_size " ~ dbt.type_bigint() ~ ")"
        ) -%}
        {#- the modification time (µs) joined the size in the fingerprint -#}
        {%- do run_query(
            "alter table " ~ checked ~ " add column if not exists file_modified "
            ~ dbt.type_bigint()
        ) -%}
        {%- do run_query(
            "create table if not exists "
            ~ cx_platform.state_relation('cx_raw_files_loaded')
            ~ " (model_name " ~ dbt.type_string() ~ ", file_path " ~ dbt.type_string()
            ~ ", file_size " ~ dbt.type_bigint() ~ ", file_modified " ~ dbt.type_bigint()
            ~ ", content_md5 " ~ dbt.type_string() ~ ", file_status " ~ dbt.type_string()
            ~ ", cx_batch " ~ dbt.type_timestamp() ~ ", is_committed boolean)"
        ) -%}
    {%- endif -%}
{%- endmacro %}
