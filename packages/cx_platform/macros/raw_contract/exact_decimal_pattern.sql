{% macro exact_decimal_pattern() -%}
    {{ return("^[+-]?([0-9]{1,20}([.][0-9]{0,18}0*)?|[.][0-9]{1,18}0*)$") }}
{%- endmacro %}
