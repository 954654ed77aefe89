{% macro business_us_between(start_ts, end_ts, start_calendar, end_calendar) -%}
    {#- Business microseconds of [start_ts, end_ts); null when either end is
        null. -#}
    case
        when {{ start_ts }} is not null and {{ end_ts }} is not null
            then {{ business_clock(end_ts, end_calendar) }}
            - {{ business_clock(start_ts, start_calendar) }}
    end
{%- endmacro %}
