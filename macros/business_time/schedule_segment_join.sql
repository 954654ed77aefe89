{% macro schedule_segment_join(alias, ts, schedule_id, time_zone) -%}
    {#- A left join of int_schedule_calendar as `alias`: the segment of the
        schedule `schedule_id` (SQL, e.g. spell.schedule_id) that holds the
        UTC instant `ts`, found by the local date of ts in the schedule's
        `time_zone` (SQL) and the segment's bounds. For schedule_clock_us. -#}
    left join {{ ref('int_schedule_calendar') }} as {{ alias }}
        on
            {{ alias }}.schedule_id = {{ schedule_id }}
            and {{ alias }}.local_date
            = cast({{ utc_to_zone(ts, time_zone) }} as date)
            and {{ ts }} >= {{ alias }}.segment_start_utc
            and {{ ts }} < {{ alias }}.segment_end_utc
{%- endmacro %}
