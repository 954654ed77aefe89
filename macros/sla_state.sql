{% macro sla_state(business_seconds, target_minutes, elapsed_business_seconds) -%}
    {#- SPEC §2 SLA: met when the time is at or below the target; an
        unanswered or unresolved ticket is breached once its elapsed
        business time at as_of exceeds the target, pending before that;
        null when the priority has no target. -#}
    case
        when {{ target_minutes }} is null then null
        when {{ business_seconds }} is not null
            then
                case
                    when {{ business_seconds }} <= {{ target_minutes }} * 60.0
                        then 'met'
                    else 'breached'
                end
        when {{ elapsed_business_seconds }} > {{ target_minutes }} * 60.0
            then 'breached'
        else 'pending'
    end
{%- endmacro %}
