{% macro base_materialization() -%}
    {#- The base_ models load only new raw files when the raw data is a
        folder of files (CX_RAW_DIR): incremental. Raw tables (seeds or a
        warehouse schema) carry no mark of which rows are new, so there the
        base_ models are rebuilt on every run. -#}
    {{ return('incremental' if cx_platform.raw_dir() != '' else 'table') }}
{%- endmacro %}
