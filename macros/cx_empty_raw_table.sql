{% macro cx_empty_raw_table(table_name) -%}
    {#- A subquery with the raw columns of `table_name` and cx_source_file,
        all text, and no row: an optional raw table that is absent. -#}
    {%- set columns = [] -%}
    {%- for column in cx_contract_columns(table_name) + ['cx_source_file'] -%}
        {%- do columns.append(
            'cast(null as ' ~ dbt.type_string() ~ ') as ' ~ column
        ) -%}
    {%- endfor -%}
    {{ return(
        '(select ' ~ columns | join(', ')
        ~ ' from (select 1 as one) as nothing where 1 = 0)'
    ) }}
{%- endmacro %}
