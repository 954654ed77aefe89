{% macro business_local_date(ts) -%}
    {#- The local date, in var business_timezone, of a UTC timestamp: the
        key to join int_business_calendar for business_clock(). In UTC no
        zone conversion is needed. -#}
    {%- if var('business_timezone') | upper == 'UTC' -%}
        cast({{ ts }} as date)
    {%- else -%}
        cast({{ utc_to_local(ts, var('business_timezone')) }} as date)
    {%- endif -%}
{%- endmacro %}

{% macro business_clock(ts, calendar) -%}
    {#- Business microseconds from the start of int_business_calendar up to
        the UTC instant ts, given `calendar`, the calendar row of ts's local
        date: the business time of all earlier days plus the part of that
        day's business hours before ts. Business time of [a, b) is
        business_clock(b) - business_clock(a): closed form, one calendar row
        per endpoint whatever the length of the interval, and an exact
        integer (microseconds), so sums of it are the same on every run. -#}
    (
        {{ calendar }}.cum_business_seconds_before * 1000000
        + case
            when {{ calendar }}.is_business_day
                then least(
                    greatest(
                        {{ microseconds_between(calendar ~ '.open_utc', ts) }},
                        0
                    ),
                    {{ calendar }}.business_seconds * 1000000
                )
            else 0
        end
    )
{%- endmacro %}

{% macro business_minutes_of_day(time_text) -%}
    {#- 'HH:MM' → minutes after midnight, at compile time. -#}
    {%- set parts = (time_text | string).split(':') -%}
    {{ return(parts[0] | int * 60 + parts[1] | int) }}
{%- endmacro %}

{% macro business_us_between(start_ts, end_ts, start_calendar, end_calendar) -%}
    {#- Business microseconds of [start_ts, end_ts); null when either end is
        null. -#}
    case
        when {{ start_ts }} is not null and {{ end_ts }} is not null
            then {{ business_clock(end_ts, end_calendar) }}
            - {{ business_clock(start_ts, start_calendar) }}
    end
{%- endmacro %}
