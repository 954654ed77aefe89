{% macro exact_sum(expression) -%}
    {#- The sum of a float expression, the same on every run: each value is
        converted to a decimal with 18 digits after the point and the
        decimals are added exactly. Float addition is not associative, so a
        plain sum() of doubles depends on the order in which threads add the
        rows, and the same data would give marts that differ in the last
        bits from run to run. Returns a decimal; cast it to a double for
        display. -#}
    sum(cast({{ expression }} as decimal(38, 18)))
{%- endmacro %}
