{% macro sql_string_list(values) -%}
    {#- A list literal of SQL strings: ['a', 'b'] -#}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append(cx_platform.string_literal(value)) -%}
    {%- endfor -%}
    {{ return('[' ~ (quoted | join(', ')) ~ ']') }}
{%- endmacro %}
