{% macro ticket_business_us_between(start_ts, end_ts, start_alias, end_alias) -%}
    {#- Business microseconds of [start_ts, end_ts) of one ticket: its
        clock (ticket_business_clock) at the end minus at the start, each
        end with its own joins (ticket_clock_joins with the alias, and the
        int_business_calendar row <alias>_day); null when either end is
        null. -#}
    case
        when {{ start_ts }} is not null and {{ end_ts }} is not null
            then {{ ticket_business_clock(
                end_ts, end_alias, end_alias ~ '_day'
            ) }}
            - {{ ticket_business_clock(
                start_ts, start_alias, start_alias ~ '_day'
            ) }}
    end
{%- endmacro %}
