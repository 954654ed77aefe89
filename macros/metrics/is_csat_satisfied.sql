{% macro is_csat_satisfied(score, scale_min, scale_max) -%}
    {#- docs/metrics.md: on a binary (0–1) scale score = 1,
        otherwise the top two boxes (score >= scale_max - 1). -#}
    case
        when {{ scale_min }} = 0 and {{ scale_max }} = 1
            then {{ score }} = 1
        else {{ score }} >= {{ scale_max }} - 1
    end
{%- endmacro %}
