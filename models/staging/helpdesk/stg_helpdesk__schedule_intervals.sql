-- The weekly business hours of raw_schedules, one row per staged raw row
-- (interval); the schedule's name and time zone are in
-- stg_helpdesk__schedules.
with

validated as (
    select * from {{ ref('base_helpdesk__schedules') }}
),

staged as (
    select
        schedule_id,
        iso_weekday,
        start_minute,
        end_minute
    from validated
    where rejection_reason is null
)

select * from staged
