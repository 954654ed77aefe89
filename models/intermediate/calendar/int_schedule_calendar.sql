{{ config(materialized="table") }}

{%- set local_midnight = 'cast(local_date as ' ~ dbt.type_timestamp() ~ ')' -%}
-- The business clock of every schedule of raw_schedules, as segments that
-- tile its time line: per schedule and local date, one segment from local
-- midnight to the first opening (no business time) and one from each
-- opening to the next segment's start, with the business seconds of the
-- opening (its merged interval of raw_schedules, none on the
-- schedule's holidays) and the business seconds of all earlier segments.
-- schedule_clock_us() turns an instant into the schedule's business time
-- from one segment row, so the business time of [a, b) under a schedule is
-- a difference of two lookups: closed form, DST-aware (every boundary is a
-- local time converted to UTC in the schedule's own time zone), exact to
-- the microsecond. Dates span the range of int_business_calendar with a
-- day more at each end for the schedules' time zones. Empty without schedules.
with

schedules as (
    select
        schedule_id,
        time_zone
    from {{ ref('stg_helpdesk__schedules') }}
),

intervals as (
    select
        schedule_id,
        iso_weekday,
        start_minute,
        end_minute
    from {{ ref('stg_helpdesk__schedule_intervals') }}
),

holidays as (
    select
        schedule_id,
        start_date,
        end_date
    from {{ ref('stg_helpdesk__schedule_holidays') }}
),

{{ calendar_days(2, 3, in_utc=true) }}

schedule_days as (
    select
        schedules.schedule_id,
        schedules.time_zone,
        days.local_date,
        {{ cx_platform.iso_weekday('days.local_date') }} as iso_weekday
    from schedules
    cross join days
    where days.local_date <= days.last_date
),

holiday_days as (
    select distinct
        schedule_days.schedule_id,
        schedule_days.local_date
    from schedule_days
    inner join holidays
        on
            schedule_days.schedule_id = holidays.schedule_id
            and schedule_days.local_date >= holidays.start_date
            and schedule_days.local_date <= holidays.end_date
),

-- overlapping (or touching) intervals of a weekday merge into one
reached as (
    select
        *,
        max(end_minute) over (
            partition by schedule_id, iso_weekday
            order by start_minute, end_minute
            rows between unbounded preceding and 1 preceding
        ) as reached_minute
    from intervals
),

runs as (
    select
        *,
        sum(
            case
                when reached_minute is null or start_minute > reached_minute
                    then 1
                else 0
            end
        ) over (
            partition by schedule_id, iso_weekday
            order by start_minute, end_minute
            rows between unbounded preceding and current row
        ) as run_number
    from reached
),

merged as (
    select
        schedule_id,
        iso_weekday,
        run_number,
        min(start_minute) as start_minute,
        max(end_minute) as end_minute
    from runs
    group by 1, 2, 3
),

openings as (
    select
        schedule_days.schedule_id,
        schedule_days.time_zone,
        schedule_days.local_date,
        merged.start_minute,
        merged.end_minute
    from schedule_days
    inner join merged
        on
            schedule_days.schedule_id = merged.schedule_id
            and schedule_days.iso_weekday = merged.iso_weekday
    left join holiday_days
        on
            schedule_days.schedule_id = holiday_days.schedule_id
            and schedule_days.local_date = holiday_days.local_date
    where holiday_days.schedule_id is null

    union all

    -- local midnight: no business time until the day's first opening
    select
        schedule_id,
        time_zone,
        local_date,
        0 as start_minute,
        0 as end_minute
    from schedule_days
),

-- an opening at 00:00 replaces the day's midnight segment
segment_starts as (
    select
        *,
        row_number() over (
            partition by schedule_id, local_date, start_minute
            order by end_minute desc
        ) as start_rank
    from openings
),

timed as (
    select
        schedule_id,
        local_date,
        {{ cx_platform.zone_to_utc(
            dbt.dateadd('minute', 'start_minute', local_midnight), 'time_zone'
        ) }} as segment_start_utc,
        {{ cx_platform.zone_to_utc(
            dbt.dateadd('minute', 'end_minute', local_midnight), 'time_zone'
        ) }} as open_until_utc,
        {{ cx_platform.zone_to_utc(
            dbt.dateadd('day', 1, local_midnight), 'time_zone'
        ) }} as next_midnight_utc
    from segment_starts
    where start_rank = 1
),

measured as (
    select
        schedule_id,
        local_date,
        segment_start_utc,
        coalesce(
            lead(segment_start_utc) over (
                partition by schedule_id order by segment_start_utc
            ),
            next_midnight_utc
        ) as segment_end_utc,
        cast(
            {{ cx_platform.microseconds_between(
                'segment_start_utc', 'open_until_utc'
            ) }}
            / 1000000 as bigint
        ) as business_seconds
    from timed
),

final as (
    select
        schedule_id,
        local_date,
        segment_start_utc,
        segment_end_utc,
        business_seconds,
        cast(
            coalesce(
                sum(business_seconds) over (
                    partition by schedule_id
                    order by segment_start_utc
                    rows between unbounded preceding and 1 preceding
                ),
                0
            ) as bigint
        ) as cum_business_seconds_before
    from measured
)

select * from final
