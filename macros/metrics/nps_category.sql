{% macro nps_category(score) -%}
    {#- docs/metrics.md: promoter 9–10, passive 7–8,
        detractor 0–6. -#}
    case
        when {{ score }} >= 9 then 'promoter'
        when {{ score }} >= 7 then 'passive'
        when {{ score }} >= 0 then 'detractor'
    end
{%- endmacro %}
