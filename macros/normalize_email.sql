{% macro normalize_email(column) -%}
    lower({{ clean_text(column) }})
{%- endmacro %}
