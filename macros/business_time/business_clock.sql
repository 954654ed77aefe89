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
                        {{ cx_platform.microseconds_between(
                            calendar ~ '.open_utc', ts
                        ) }},
                        0
                    ),
                    {{ calendar }}.business_seconds * 1000000
                )
            else 0
        end
    )
{%- endmacro %}
