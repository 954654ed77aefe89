{% macro nps_variance(promoters, detractors, responses) -%}
    {#- v = pP + pD − (pP − pD)², the per-response variance of the NPS
        indicator (+1 promoter, 0 passive, −1 detractor); null for n = 0. -#}
    case
        when {{ responses }} > 0
            then
                cast({{ promoters }} + {{ detractors }} as {{ cx_type_double() }}) {#- noqa: LT05 #}
                / {{ responses }}
                - (
                    cast({{ promoters }} - {{ detractors }} as {{ cx_type_double() }}) {#- noqa: LT05 #}
                    / {{ responses }}
                )
                * (
                    cast({{ promoters }} - {{ detractors }} as {{ cx_type_double() }}) {#- noqa: LT05 #}
                    / {{ responses }}
                )
    end
{%- endmacro %}
