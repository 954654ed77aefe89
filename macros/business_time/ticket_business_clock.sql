{% macro ticket_business_clock(ts, alias, calendar) -%}
    {#- The business clock of a ticket at the UTC instant `ts`, in
        microseconds: on a schedule of raw_schedules (the joins of
        ticket_clock_joins with the same `alias` matched), the stretch's
        clock_offset_us plus the schedule's clock (schedule_clock_us);
        otherwise the default calendar's business_clock, `calendar` being
        the int_business_calendar row of ts's local date. The business time
        of [a, b) of one ticket is its clock at b minus its clock at a. -#}
    case
        when {{ alias }}_spell.ticket_id is not null
            then {{ alias }}_spell.clock_offset_us
            + {{ schedule_clock_us(ts, alias ~ '_segment') }}
        else {{ business_clock(ts, calendar) }}
    end
{%- endmacro %}
