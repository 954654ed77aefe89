{{ config(materialized="table") }}

{#- the business time zone as an SQL literal, for zone_to_utc -#}
{%- set tz = "'" ~ var('business_timezone') ~ "'" -%}
{%- set open_minute = business_minutes_of_day(var('business_start_time')) -%}
{%- set close_minute = business_minutes_of_day(var('business_end_time')) -%}
-- One row per local date of the business time zone, from the day before the
-- first ticket to two days after the later of as_of_date and the last event:
-- whether it is a business day, its opening and closing instants in UTC
-- (daylight-saving aware), its business seconds, and the business seconds of
-- all earlier days, which business_clock() turns into closed-form business
-- time. Built from a fixed series of 40,000 day offsets (about 110 years);
-- a table, since every ticket and event timestamp is joined to it.
with

holidays as (
    select holiday_date from {{ ref('stg_helpdesk__holidays') }}
),

{{ calendar_days(1, 2) }}

classified as (
    select
        days.local_date,
        holidays.holiday_date is not null as is_holiday,
        (
            {{ cx_platform.iso_weekday('days.local_date') }}
            in ({{ var('business_days') | join(', ') }})
            and holidays.holiday_date is null
        ) as is_business_day,
        {{ cx_platform.zone_to_utc(
            dbt.dateadd('minute', open_minute,
                'cast(days.local_date as ' ~ dbt.type_timestamp() ~ ')'),
            tz
        ) }} as open_utc,
        {{ cx_platform.zone_to_utc(
            dbt.dateadd('minute', close_minute,
                'cast(days.local_date as ' ~ dbt.type_timestamp() ~ ')'),
            tz
        ) }} as close_utc
    from days
    left join holidays
        on days.local_date = holidays.holiday_date
    where days.local_date <= days.last_date
),

measured as (
    select
        local_date,
        is_holiday,
        is_business_day,
        open_utc,
        close_utc,
        cast(
            {{ cx_platform.microseconds_between('open_utc', 'close_utc') }}
            / 1000000 as bigint
        ) as business_seconds,
        case
            when is_business_day
                then cast(
                    {{ cx_platform.microseconds_between(
                        'open_utc', 'close_utc'
                    ) }}
                    / 1000000 as bigint
                )
            else 0
        end as counted_seconds
    from classified
),

final as (
    select
        local_date,
        is_holiday,
        is_business_day,
        business_seconds,
        cast(
            coalesce(
                sum(counted_seconds) over (
                    order by local_date
                    rows between unbounded preceding and 1 preceding
                ),
                0
            ) as bigint
        ) as cum_business_seconds_before,
        open_utc,
        close_utc
    from measured
)

select * from final
