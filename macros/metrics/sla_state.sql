{% macro sla_state(business_us, target_minutes, elapsed_business_us) -%}
    {#- docs/metrics.md, SLA: met when the time is at or below the target; an
        unanswered or unresolved ticket is breached once its elapsed
        business time at as_of exceeds the target, pending before that;
        null when the priority has no target. Times in exact business
        microseconds. -#}
    case
        when {{ target_minutes }} is null then null
        when {{ business_us }} is not null
            then
                case
                    when {{ business_us }} <= cast({{ target_minutes }} as bigint) * 60000000 {#- noqa: LT05 #}
                        then 'met'
                    else 'breached'
                end
        when {{ elapsed_business_us }} > cast({{ target_minutes }} as bigint) * 60000000 {#- noqa: LT05 #}
            then 'breached'
        else 'pending'
    end
{%- endmacro %}
