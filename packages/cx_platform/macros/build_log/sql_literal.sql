{% macro sql_literal(value) -%}
    {#- A value as an SQL literal: null, a number or a quoted string. -#}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is number and value is not boolean -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return(cx_platform.string_literal(value | string)) }}
    {%- endif -%}
{%- endmacro %}
