-- raw_schedules of the raw contract, mapped from Fivetran's Zendesk
-- `schedule` table (var raw_source = 'zendesk'; rules in
-- _zendesk__models.yml and the README, "Using your Zendesk data"): one row
-- per schedule, its Zendesk (Rails) time zone name mapped to IANA by the
-- seed zendesk_time_zones. A name the seed does not have passes through
-- unchanged, so base_helpdesk__schedules rejects the schedule as
-- unknown_value (audit_rejected_rows) unless it already is an IANA name.
-- Without a `schedule` table in zendesk_schema the model is empty and
-- cx_raw_source reads raw_schema's raw_schedules instead.
{%- set present = cx_zendesk_table_present('schedule') %}
{%- if present %}

with

intervals as (
    select
        id,
        name,
        time_zone,
        _fivetran_deleted
    from {{ source('zendesk', 'schedule') }}
),

zone_names as (
    select
        zendesk_time_zone,
        time_zone
    from {{ ref('zendesk_time_zones') }}
),

kept as (
    -- an interval removed in Zendesk (edited or deleted schedule) is gone
    select
        {{ clean_text('id') }} as schedule_id,
        {{ clean_text('name') }} as schedule_name,
        {{ clean_text('time_zone') }} as zendesk_time_zone
    from intervals
    where coalesce({{ clean_enum('_fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
),

schedules as (
    -- one row per schedule; rows of one id that disagree on the name or
    -- time zone stay apart, and the contract rejects them as
    -- conflicting_key
    select distinct
        schedule_id,
        schedule_name,
        zendesk_time_zone
    from kept
),

final as (
    select
        schedules.schedule_id,
        schedules.schedule_name as name,
        coalesce(
            zone_names.time_zone, schedules.zendesk_time_zone
        ) as time_zone
    from schedules
    left join zone_names
        on schedules.zendesk_time_zone = zone_names.zendesk_time_zone
)

select * from final
{%- else %}

-- no `schedule` table in zendesk_schema: no rows
select *
from {{ cx_empty_raw_table(
    'raw_schedules', source_file=false
) }} as nothing
{%- endif %}
