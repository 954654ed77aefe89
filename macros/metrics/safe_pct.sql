{% macro safe_pct(numerator, denominator) -%}
    {#- 100 * numerator / denominator as a double; null (never 0) when the
        denominator is 0 or null. -#}
    {%- set double = cx_platform.type_double() %}
    case
        when {{ denominator }} > 0
            then 100.0 * cast({{ numerator }} as {{ double }})
            / cast({{ denominator }} as {{ double }})
    end
{%- endmacro %}
