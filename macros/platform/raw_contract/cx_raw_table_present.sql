{% macro cx_raw_table_present(raw_dir, table_name, relation) -%}
    {#- Whether the raw table `table_name` is there to read: a file or
        folder of files in CX_RAW_DIR when `raw_dir` is set, the bundled
        seed (var raw_source 'seeds', always there), or else the table
        `relation` in the warehouse. For optional tables, which are read as
        empty when absent. -#}
    {%- if raw_dir != '' -%}
        {{ return(cx_raw_file_list(raw_dir, table_name, required=false) | length > 0) }}
    {%- elif var('raw_source', 'seeds') == 'seeds' -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(cx_relation_exists(relation)) }}
{%- endmacro %}
