{% macro raw_file_list(table_name) -%}
    {#- The raw files of a table in CX_RAW_DIR, in name order; a compile
        error when there is none, unless the table's declaration says it is
        optional (then an empty list: the table is read as empty). -#}
    {%- set raw_dir = cx_platform.raw_dir() -%}
    {%- set base = raw_dir.rstrip('/') ~ '/' ~ table_name -%}
    {%- set patterns = [base ~ '.parquet', base ~ '/*.parquet', base ~ '.csv', base ~ '/*.csv'] -%}
    {%- set queries = [] -%}
    {%- for pattern in patterns -%}
        {%- do queries.append('select file from glob(' ~ cx_platform.string_literal(pattern) ~ ')') -%}
    {%- endfor -%}
    {%- set found = run_query(
        queries | join(' union all ') ~ ' order by 1'
    ).columns[0].values() | list -%}
    {%- if found | length == 0 and not cx_platform.raw_declaration(table_name).optional -%}
        {%- do cx_platform.require_raw_dir(raw_dir) -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR=" ~ raw_dir ~ " has neither " ~ table_name
            ~ ".parquet / .csv nor a " ~ table_name ~ "/ folder of such files"
        ) }}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}
