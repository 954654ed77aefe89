{% macro double_literal(number) -%}
    cast({{ number }} as {{ cx_platform.type_double() }})
{%- endmacro %}
