{% macro cx_sql_string(value) -%}
    {#- `value` as a SQL string literal, its single quotes doubled: any folder
        or file name (raw_o'brien/) can be pasted into generated SQL. -#}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{% macro cx_sql_string_list(values) -%}
    {#- A list literal of SQL strings: ['a', 'b'] -#}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append(cx_sql_string(value)) -%}
    {%- endfor -%}
    {{ return('[' ~ (quoted | join(', ')) ~ ']') }}
{%- endmacro %}
