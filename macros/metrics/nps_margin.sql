{% macro nps_margin(promoters, detractors, responses, previous=none) -%}
    {#- docs/metrics.md: the 95% margin of error of an NPS,
        196·sqrt(v / n) with v = pP + pD − (pP − pD)², the per-response
        variance of the NPS indicator (+1 promoter, 0 passive, −1
        detractor); with `previous` (the promoters, detractors and
        responses of an earlier period), the margin of the change between
        the two periods, 196·sqrt(v1/n1 + v2/n2): a change is significant
        when |ΔNPS| exceeds it. greatest(v, 0) guards against a −0.0000001
        from rounding. Null when a period has no responses. -#}
    {%- set periods = ([previous] if previous else []) + [[promoters, detractors, responses]] -%}
    case
        when
            {%- for p, d, n in periods %} {{ n }} > 0{{ ' and' if not loop.last }}{% endfor %}
            then 196.0 * sqrt(
            {%- for p, d, n in periods %}
                {{ '+ ' if not loop.first }}greatest(
                    cast({{ p }} + {{ d }} as {{ cx_platform.type_double() }}) / {{ n }}
                    - (cast({{ p }} - {{ d }} as {{ cx_platform.type_double() }}) / {{ n }})
                    * (cast({{ p }} - {{ d }} as {{ cx_platform.type_double() }}) / {{ n }}),
                    0.0
                ) / {{ n }}
            {%- endfor %}
            )
    end
{%- endmacro %}
