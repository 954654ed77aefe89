-- raw_schedules of the raw contract, mapped from Fivetran's Zendesk
-- `schedule` table (var tickets_source = 'zendesk'; rules in
-- _zendesk__models.yml and docs/zendesk.md). Both
-- have one row per weekly interval with the schedule's id, name and time
-- zone. Zendesk gives each interval in minutes from Sunday 00:00 local time
-- (0 to 10080); each is cut at local midnights into one row per day it
-- covers: ISO weekday (Sunday = 7) and HH:MM start and end, 24:00 for the
-- end of a day. An interval that is not within the week, or does not end
-- after it starts, is one row with its minutes as they are, which the
-- contract rejects as bad_interval. The Zendesk (Rails) time zone name is
-- mapped to IANA by the seed zendesk_time_zones; a name the seed does not
-- have passes through unchanged, so the contract rejects it as
-- unknown_value (audit_rejected_rows) unless it already is an IANA name.
-- Without a `schedule` table in zendesk_schema the model is empty and
-- raw_source reads raw_schedules as without the adapter instead.
{%- set present = cx_platform.adapter_table_present('zendesk', 'schedule') %}
{%- if present %}

with

intervals as (
    select
        id,
        name,
        time_zone,
        start_time,
        end_time,
        _fivetran_deleted
    from {{ source('zendesk', 'schedule') }}
),

zone_names as (
    select
        zendesk_time_zone,
        time_zone
    from {{ ref('zendesk_time_zones') }}
),

week_days as (
    -- day 0 is Sunday, as Zendesk's minutes count from Sunday 00:00
    {%- for day in range(7) %}
    select {{ day }} as day_index{% if not loop.last %} union all{% endif %}
    {%- endfor %}
),

kept as (
    -- an interval removed in Zendesk (edited or deleted schedule) is gone
    select
        {{ clean_text('intervals.id') }} as schedule_id,
        {{ clean_text('intervals.name') }} as schedule_name,
        coalesce(
            zone_names.time_zone, {{ clean_text('intervals.time_zone') }}
        ) as time_zone,
        {{ clean_text('intervals.start_time') }} as start_text,
        {{ clean_text('intervals.end_time') }} as end_text,
        {{ cx_platform.safe_cast(clean_text('intervals.start_time'), 'integer') }}
            as start_minute,
        {{ cx_platform.safe_cast(clean_text('intervals.end_time'), 'integer') }}
            as end_minute
    from intervals
    left join zone_names
        on {{ clean_text('intervals.time_zone') }} = zone_names.zendesk_time_zone
    where coalesce({{ clean_enum('intervals._fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
),

checked as (
    select
        *,
        coalesce(
            start_minute >= 0
            and end_minute <= 10080
            and end_minute > start_minute,
            false
        ) as is_valid
    from kept
),

pieces as (
    -- the part of each valid interval on each day it covers
    select
        checked.schedule_id,
        checked.schedule_name,
        checked.time_zone,
        week_days.day_index,
        greatest(checked.start_minute, week_days.day_index * 1440)
        - week_days.day_index * 1440 as start_of_day_minute,
        least(checked.end_minute, (week_days.day_index + 1) * 1440)
        - week_days.day_index * 1440 as end_of_day_minute
    from checked
    inner join week_days
        on
            checked.start_minute < (week_days.day_index + 1) * 1440
            and checked.end_minute > week_days.day_index * 1440
    where checked.is_valid
),

valid_rows as (
    select
        schedule_id,
        schedule_name,
        time_zone,
        cast(
            case when day_index = 0 then 7 else day_index end
            as {{ dbt.type_string() }}
        ) as iso_weekday,
        {{ minutes_as_hhmm('start_of_day_minute') | indent(8) }} as start_time,
        {{ minutes_as_hhmm('end_of_day_minute') | indent(8) }} as end_time
    from pieces
),

invalid_rows as (
    -- kept as they are, for the contract to reject visibly
    select
        schedule_id,
        schedule_name,
        time_zone,
        cast(
            case
                when start_minute >= 0 and start_minute < 10080
                    then case
                        when floor(start_minute / 1440) = 0 then 7
                        else cast(floor(start_minute / 1440) as integer)
                    end
            end
            as {{ dbt.type_string() }}
        ) as iso_weekday,
        start_text as start_time,
        end_text as end_time
    from checked
    where not is_valid
),

all_rows as (
    select * from valid_rows
    union all
    select * from invalid_rows
),

final as (
    select
        schedule_id,
        schedule_name as name,
        time_zone,
        iso_weekday,
        start_time,
        end_time
    from all_rows
)

select * from final
{%- else %}

-- no `schedule` table in zendesk_schema: no rows
select *
from {{ cx_platform.empty_raw_table(
    'raw_schedules', source_file=false
) }} as nothing
{%- endif %}
