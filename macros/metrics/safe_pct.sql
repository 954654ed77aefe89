{% macro safe_pct(numerator, denominator) -%}
    {#- 100 * numerator / denominator as a double; null (never 0) when the
        denominator is 0 or null. -#}
    case
        when {{ denominator }} > 0
            then 100.0 * cast({{ numerator }} as {{ cx_type_double() }})
            / cast({{ denominator }} as {{ cx_type_double() }})
    end
{%- endmacro %}
