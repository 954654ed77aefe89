{% macro iso_date_pattern() -%}
    {{ return("^[0-9]{4}-[0-9]{2}-[0-9]{2}$") }}
{%- endmacro %}
