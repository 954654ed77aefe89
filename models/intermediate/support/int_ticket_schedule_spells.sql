{{ config(materialized="table") }}

-- One row per stretch of a ticket's life on a schedule of raw_schedules
-- (raw_ticket_schedules: a ticket is on a schedule from valid_from until
-- its next row; before its first row, on the default schedule of the vars,
-- which has no row here). Stretches before the ticket's creation are cut at
-- created_at. Each carries the offset that makes the ticket's business
-- clock continuous across schedule changes: the ticket's clock at an
-- instant t of the stretch is clock_offset_us + schedule_clock_us(t), where
-- the clock runs on the default calendar (business_clock) until the first
-- stretch, then adds, stretch by stretch, the business time of each
-- schedule. Every business duration of the ticket is a difference of its
-- clock at both ends, so each stretch of an interval counts under the
-- schedule in force, once. Empty without schedule assignments.
with

tickets as (
    select
        ticket_id,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}
),

assignments as (
    select
        ticket_id,
        schedule_id,
        valid_from
    from {{ ref('stg_helpdesk__ticket_schedules') }}
),

schedules as (
    select
        schedule_id,
        time_zone
    from {{ ref('stg_helpdesk__schedules') }}
),

default_calendar as (
    select * from {{ ref('int_business_calendar') }}
),

schedule_calendar as (
    select
        schedule_id,
        local_date,
        segment_start_utc,
        segment_end_utc,
        business_seconds,
        cum_business_seconds_before
    from {{ ref('int_schedule_calendar') }}
),

ordered as (
    select
        *,
        lead(valid_from) over (
            partition by ticket_id order by valid_from, schedule_id
        ) as valid_until
    from assignments
),

-- from the ticket's creation on; a stretch that ends by then (or that a
-- row at the same instant replaces) is empty and dropped
spells as (
    select
        ordered.ticket_id,
        ordered.schedule_id,
        schedules.time_zone,
        tickets.created_at,
        case
            when ordered.valid_from > tickets.created_at
                then ordered.valid_from
            else tickets.created_at
        end as valid_from,
        ordered.valid_until
    from ordered
    inner join tickets
        on ordered.ticket_id = tickets.ticket_id
    inner join schedules
        on ordered.schedule_id = schedules.schedule_id
    where
        ordered.valid_until is null
        or (
            ordered.valid_until > tickets.created_at
            and ordered.valid_until > ordered.valid_from
        )
),

-- the clocks at the stretch's start and end, from: the default calendar's
-- day of its start; the segments of its schedule that hold its start and
-- its end (found by the local date in the schedule's time zone)
clocked as (
    select
        spells.*,
        {{ business_clock('spells.valid_from', 'default_day') }}
            as default_clock_at_start_us,
        {{ schedule_clock_us('spells.valid_from', 'start_segment') }}
            as clock_at_start_us,
        {{ schedule_clock_us('spells.valid_until', 'end_segment') }}
            as clock_at_end_us
    from spells
    left join default_calendar as default_day
        on
            {{ business_local_date('spells.valid_from') }}
            = default_day.local_date
    left join schedule_calendar as start_segment
        on
            spells.schedule_id = start_segment.schedule_id
            and cast(
                {{ cx_platform.utc_to_zone(
                    'spells.valid_from', 'spells.time_zone'
                ) }}
                as date
            ) = start_segment.local_date
            and spells.valid_from >= start_segment.segment_start_utc
            and spells.valid_from < start_segment.segment_end_utc
    left join schedule_calendar as end_segment
        on
            spells.schedule_id = end_segment.schedule_id
            and cast(
                {{ cx_platform.utc_to_zone(
                    'spells.valid_until', 'spells.time_zone'
                ) }}
                as date
            ) = end_segment.local_date
            and spells.valid_until >= end_segment.segment_start_utc
            and spells.valid_until < end_segment.segment_end_utc
),

accumulated as (
    select
        *,
        -- the ticket's clock when its first stretch starts
        first_value(default_clock_at_start_us) over (
            partition by ticket_id order by valid_from
            rows between unbounded preceding and unbounded following
        ) as first_start_clock_us,
        -- the business time of its earlier stretches
        coalesce(
            sum(clock_at_end_us - clock_at_start_us) over (
                partition by ticket_id order by valid_from
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as earlier_stretches_us,
        lag(schedule_id) over (
            partition by ticket_id order by valid_from
        ) as previous_schedule_id
    from clocked
),

final as (
    select
        ticket_id,
        schedule_id,
        time_zone,
        valid_from,
        valid_until,
        -- the ticket's clock at the stretch's start minus the schedule's
        cast(
            first_start_clock_us + earlier_stretches_us - clock_at_start_us
            as bigint
        ) as clock_offset_us,
        -- a change of schedule during the ticket's life (not at creation)
        valid_from > created_at
        and (
            previous_schedule_id is null
            or previous_schedule_id != schedule_id
        ) as is_schedule_change
    from accumulated
)

select * from final
