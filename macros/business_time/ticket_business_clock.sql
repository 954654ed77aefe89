{% macro ticket_business_clock(ts, spell, segment, calendar) -%}
    {#- The business clock of a ticket at the UTC instant `ts`, in
        microseconds, from three rows the model joins for that instant:
        `spell`, the ticket's row of int_ticket_schedule_spells whose
        stretch holds ts; `segment`, the row of int_schedule_calendar of
        that stretch's schedule that holds ts; `calendar`, the row of
        int_business_calendar of ts's local date (business_local_date). On
        a schedule (spell matched): the stretch's clock_offset_us plus the
        schedule's clock (schedule_clock_us); otherwise the default
        calendar's business_clock. The business time of [a, b) of one
        ticket is its clock at b minus its clock at a. -#}
    case
        when {{ spell }}.ticket_id is not null
            then {{ spell }}.clock_offset_us
            + {{ schedule_clock_us(ts, segment) }}
        else {{ business_clock(ts, calendar) }}
    end
{%- endmacro %}
