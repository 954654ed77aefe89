{% macro us_to_minutes(microseconds) -%}
    {#- Microseconds as minutes (a double): seconds / 60, never rounded. -#}
    ({{ microseconds }} / {{ cx_platform.double_literal(60000000) }})
{%- endmacro %}
