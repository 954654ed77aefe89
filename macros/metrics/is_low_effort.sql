{% macro is_low_effort(score, scale_min, scale_max, is_higher_better) -%}
    {#- docs/metrics.md: low effort when ease_0_100 >= 200/3.
        Compared in integers, 3·(ease distance) >= 2·(max − min), so the
        threshold is exact (on 1–7 higher-is-better: 5, 6, 7; on 1–5
        higher-is-worse: 1, 2). -#}
    case
        when {{ is_higher_better }}
            then 3 * ({{ score }} - {{ scale_min }})
            >= 2 * ({{ scale_max }} - {{ scale_min }})
        else 3 * ({{ scale_max }} - {{ score }})
            >= 2 * ({{ scale_max }} - {{ scale_min }})
    end
{%- endmacro %}
