{% macro normalized_score(score, scale_min, scale_max, is_higher_better) -%}
    {#- docs/metrics.md: 100·(score − min)/(max − min) when higher
        is better, else 100·(max − score)/(max − min). For CES this is
        ease_0_100. -#}
    case
        when {{ is_higher_better }}
            then 100.0 * cast({{ score }} - {{ scale_min }} as {{ cx_type_double() }}) {#- noqa: LT05 #}
            / cast({{ scale_max }} - {{ scale_min }} as {{ cx_type_double() }})
        else 100.0 * cast({{ scale_max }} - {{ score }} as {{ cx_type_double() }}) {#- noqa: LT05 #}
            / cast({{ scale_max }} - {{ scale_min }} as {{ cx_type_double() }})
    end
{%- endmacro %}
