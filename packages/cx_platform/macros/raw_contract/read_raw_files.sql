{% macro read_raw_files(files) -%}
    {#- A subquery of the rows of `files` (all Parquet or all CSV) with
        cx_source_file, the file each row came from. -#}
    {%- set parquet = [] -%}
    {%- for f in files if f.endswith('.parquet') -%}
        {%- do parquet.append(f) -%}
    {%- endfor -%}
    {%- if parquet and parquet | length != files | length -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR mixes Parquet and CSV files for one table ("
            ~ files[0] ~ ", ...); use one format per table"
        ) }}
    {%- endif -%}
    {%- set file_list = cx_platform.sql_string_list(files) -%}
    {%- if parquet -%}
        {%- set reader = "read_parquet(" ~ file_list ~ ", filename = true, union_by_name = true)" -%}
    {%- else -%}
        {%- set reader = "read_csv(" ~ file_list ~ ", " ~ cx_platform.csv_options() ~ ", filename = true, union_by_name = true)" -%}
    {%- endif -%}
    {{ return("(select * exclude (filename), filename as cx_source_file from " ~ reader ~ ")") }}
{%- endmacro %}
