{% macro empty_raw_table(table_name, source_file=true) -%}
    {#- A subquery with the raw columns of `table_name` and (unless
        `source_file` is false) cx_source_file, all text, and no row: an
        optional raw table that is absent. -#}
    {%- set columns = [] -%}
    {%- set extra = ['cx_source_file'] if source_file else [] -%}
    {%- set declared = cx_platform.raw_declaration(table_name).columns | map(attribute='name') | list -%}
    {%- for column in declared + extra -%}
        {%- do columns.append(
            'cast(null as ' ~ dbt.type_string() ~ ') as ' ~ column
        ) -%}
    {%- endfor -%}
    {{ return(
        '(select ' ~ columns | join(', ')
        ~ ' from (select 1 as one) as nothing where 1 = 0)'
    ) }}
{%- endmacro %}
