{% macro nps_change_margin(p1, d1, n1, p2, d2, n2) -%}
    {#- docs/metrics.md: the 95% margin of an NPS change between
        two periods, 196·sqrt(v1/n1 + v2/n2) with v = pP + pD − (pP − pD)²;
        a change is significant when |ΔNPS| exceeds it. Null when either
        period has no responses. -#}
    case
        when {{ n1 }} > 0 and {{ n2 }} > 0
            then 196.0 * sqrt(
                greatest({{ nps_variance(p1, d1, n1) }}, 0.0) / {{ n1 }}
                + greatest({{ nps_variance(p2, d2, n2) }}, 0.0) / {{ n2 }}
            )
    end
{%- endmacro %}
