{% macro safe_mean(total, count) -%}
    {#- total / count as a double; null when count is 0 or null. -#}
    case
        when {{ count }} > 0
            then cast({{ total }} as {{ cx_platform.type_double() }})
            / cast({{ count }} as {{ cx_platform.type_double() }})
    end
{%- endmacro %}
