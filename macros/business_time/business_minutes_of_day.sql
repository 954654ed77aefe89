{% macro business_minutes_of_day(time_text) -%}
    {#- 'HH:MM' → minutes after midnight, at compile time. -#}
    {%- set parts = (time_text | string).split(':') -%}
    {{ return(parts[0] | int * 60 + parts[1] | int) }}
{%- endmacro %}
