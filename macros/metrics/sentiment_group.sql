{% macro sentiment_group(metric, nps_category, is_csat_satisfied, is_low_effort) -%}
    {#- The sentiment group of a response: its NPS category, satisfied /
        not satisfied for CSAT, low effort / high effort for CES. -#}
    case {{ metric }}
        when 'nps' then {{ nps_category }}
        when 'csat'
            then case when {{ is_csat_satisfied }} then 'satisfied' else 'not satisfied' end {#- noqa: LT05 #}
        when 'ces'
            then case when {{ is_low_effort }} then 'low effort' else 'high effort' end {#- noqa: LT05 #}
    end
{%- endmacro %}
