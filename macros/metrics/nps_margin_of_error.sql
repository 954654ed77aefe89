{% macro nps_margin_of_error(promoters, detractors, responses) -%}
    {#- docs/metrics.md: 95% margin = 196·sqrt(v / n),
        v = pP + pD − (pP − pD)². greatest(…, 0) guards against a
        −0.0000001 from rounding. -#}
    case
        when {{ responses }} > 0
            then 196.0 * sqrt(
                greatest({{ nps_variance(promoters, detractors, responses) }}, 0.0) {#- noqa: LT05 #}
                / {{ responses }}
            )
    end
{%- endmacro %}
