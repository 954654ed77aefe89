{% macro cx_double_literal(number) -%}
    cast({{ number }} as {{ cx_type_double() }})
{%- endmacro %}
