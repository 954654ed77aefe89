{% macro nps_band(nps) -%}
    {#- NPS display bands (docs/metrics.md). -#}
    case
        when {{ nps }} is null then null
        when {{ nps }} < 0 then 'needs work'
        when {{ nps }} < 30 then 'good'
        when {{ nps }} < 50 then 'great'
        when {{ nps }} < 80 then 'excellent'
        else 'world class'
    end
{%- endmacro %}
