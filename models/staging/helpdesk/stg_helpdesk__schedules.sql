-- The schedules of raw_schedules, one row per schedule: the name and time
-- zone its staged interval rows all repeat (the raw contract rejects a
-- schedule's rows that disagree as conflicting_key).
with

validated as (
    select * from {{ ref('base_helpdesk__schedules') }}
),

staged as (
    select distinct
        schedule_id,
        schedule_name,
        time_zone
    from validated
    where rejection_reason is null
)

select * from staged
