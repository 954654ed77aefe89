{% macro cx_raw_dir_has_files(raw_dir) -%}
    {#- True when the folder CX_RAW_DIR holds a file, directly or in a
        subfolder (DuckDB's glob lists no folders, and nothing for a folder
        that does not exist). -#}
    {%- set folder = raw_dir.rstrip('/') -%}
    {%- set count = run_query(
        "select count(*) from (select file from glob(" ~ cx_string_literal(folder ~ '/*')
        ~ ") union all select file from glob(" ~ cx_string_literal(folder ~ '/*/*') ~ "))"
    ).columns[0].values()[0] -%}
    {{ return(count > 0) }}
{%- endmacro %}
