{% macro as_of_date_literal() -%}
    {#- The var as_of_date as a SQL date, or null when unset. -#}
    {%- set value = var('as_of_date', none) -%}
    {%- if value is none or value | string | trim in ('', 'None', 'null') -%}
        cast(null as date)
    {%- else -%}
        cast('{{ value }}' as date)
    {%- endif -%}
{%- endmacro %}
