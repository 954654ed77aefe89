{% macro schedule_clock_us(ts, segment) -%}
    {#- The business microseconds of a schedule from the start of
        int_schedule_calendar up to the UTC instant `ts`, given `segment`,
        the alias of the calendar segment that holds ts (its start at or
        before ts, its end after): the business time of all earlier
        segments plus the part of this segment's opening before ts. Null
        when ts is null or no segment holds it. -#}
    (
        {{ segment }}.cum_business_seconds_before * 1000000
        + least(
            {{ cx_platform.microseconds_between(
                segment ~ '.segment_start_utc', ts
            ) }},
            {{ segment }}.business_seconds * 1000000
        )
    )
{%- endmacro %}
