{% macro clean_enum(column) -%}
    lower({{ clean_text(column) }})
{%- endmacro %}
