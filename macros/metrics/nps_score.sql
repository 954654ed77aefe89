{% macro nps_score(promoters, detractors, responses) -%}
    {#- docs/metrics.md: NPS = 100·(promoters −
        detractors)/responses; null for 0. -#}
    {{ safe_pct('(' ~ promoters ~ ' - ' ~ detractors ~ ')', responses) }}
{%- endmacro %}
