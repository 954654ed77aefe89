{% macro ticket_clock_joins(alias, ts, ticket_id) -%}
    {#- The left joins ticket_business_clock() reads for the UTC instant `ts`
        of the ticket `ticket_id` (SQL): the ticket's stretch on a schedule
        that holds ts (int_ticket_schedule_spells, as <alias>_spell) and
        that schedule's calendar segment (int_schedule_calendar, as
        <alias>_segment). Neither matches for a ticket on the default
        schedule at ts. -#}
    {%- set sql -%}
left join {{ ref('int_ticket_schedule_spells') }} as {{ alias }}_spell
    on
        {{ alias }}_spell.ticket_id = {{ ticket_id }}
        and {{ ts }} >= {{ alias }}_spell.valid_from
        and (
            {{ alias }}_spell.valid_until is null
            or {{ ts }} < {{ alias }}_spell.valid_until
        )
{{ schedule_segment_join(
    alias ~ '_segment', ts, alias ~ '_spell.schedule_id',
    alias ~ '_spell.time_zone'
) }}
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}
