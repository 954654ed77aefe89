-- One row per staged ticket event, in the ticket's order (event_at, ties:
-- event_id), with the ticket's status after the event (docs/metrics.md:
-- support, status timeline): open from created_at; pending and on_hold set
-- those statuses; a customer message while pending or on hold sets it open
-- again; an agent message changes nothing; open (the status set back to open by
-- anyone) sets open; solved sets solved; reopened sets open. Each event also
-- carries what the milestones need without a second pass: the ticket's business
-- clock at its time (ticket_business_clock of the three rows joined in
-- `clocked`), the time and clock of the next event (the end of the status
-- segment it opens), and how many solved and reopened events follow it.
-- Every window function shares one ordering, so the events are sorted once.
{%- set ticket_order = 'partition by ticket_id order by event_at, event_id' -%}
{%- set so_far = ticket_order
    ~ ' rows between unbounded preceding and current row' -%}
{%- set after = ticket_order
    ~ ' rows between 1 following and unbounded following' %}
with

events as (
    select
        event_id,
        ticket_id,
        actor_type,
        event_type,
        handle_seconds,
        event_at
    from {{ ref('stg_helpdesk__ticket_events') }}
),

calendar as (
    select
        local_date,
        is_business_day,
        business_seconds,
        cum_business_seconds_before,
        open_utc
    from {{ ref('int_business_calendar') }}
),

schedule_spells as (
    select
        ticket_id,
        schedule_id,
        time_zone,
        valid_from,
        -- the last stretch has no end (null): 9999-12-31 is after every
        -- instant of the calendars, and a plain comparison keeps the join
        -- below a hash join on ticket_id ("is null or" made it a loop)
        coalesce(
            valid_until, cast('9999-12-31' as {{ dbt.type_timestamp() }})
        ) as valid_until,
        clock_offset_us
    from {{ ref('int_ticket_schedule_spells') }}
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

-- the ticket's clock at the event, from: the default calendar's day of the
-- event; the ticket's stretch on a schedule that holds the event (none:
-- the default schedule then); that schedule's segment that holds it
clocked as (
    select
        events.*,
        {{ ticket_business_clock(
            'events.event_at', 'spell', 'segment', 'calendar'
        ) }} as business_clock_us
    from events
    left join calendar
        on {{ business_local_date('events.event_at') }} = calendar.local_date
    left join schedule_spells as spell
        on
            events.ticket_id = spell.ticket_id
            and events.event_at >= spell.valid_from
            and events.event_at < spell.valid_until
    left join schedule_calendar as segment
        on
            spell.schedule_id = segment.schedule_id
            and cast(
                {{ cx_platform.utc_to_zone(
                    'events.event_at', 'spell.time_zone'
                ) }}
                as date
            ) = segment.local_date
            and events.event_at >= segment.segment_start_utc
            and events.event_at < segment.segment_end_utc
),

-- the latest status-setting event so far, and the latest of those and the
-- customer messages (a customer message after pending / on_hold sets open)
sequenced as (
    select
        *,
        row_number() over ({{ ticket_order }}) as event_seq,
        {{ cx_platform.last_value_ignoring_nulls(
            "case when event_type in ('open', 'pending', 'on_hold', 'solved', 'reopened') then event_type end",
            so_far
        ) }} as last_setter_type,
        {{ cx_platform.last_value_ignoring_nulls(
            "case when event_type in ('open', 'pending', 'on_hold', 'solved', 'reopened') then event_type when actor_type = 'customer' and event_type = 'message' then 'customer_message' end",
            so_far
        ) }} as last_marker,
        lead(event_at) over ({{ ticket_order }}) as next_event_at,
        lead(business_clock_us) over ({{ ticket_order }})
            as next_business_clock_us,
        count(case when event_type = 'solved' then 1 end)
            over ({{ after }}) as later_solved_events,
        count(case when event_type = 'reopened' then 1 end)
            over ({{ after }}) as later_reopened_events
    from clocked
),

with_status as (
    select
        event_id,
        ticket_id,
        actor_type,
        event_type,
        case
            when last_setter_type is null then 'open'
            when last_setter_type = 'solved' then 'solved'
            when last_setter_type in ('open', 'reopened') then 'open'
            when last_marker = 'customer_message' then 'open'
            else last_setter_type
        end as status_after,
        event_seq,
        cast(later_solved_events as bigint) as later_solved_events,
        cast(later_reopened_events as bigint) as later_reopened_events,
        handle_seconds,
        business_clock_us,
        next_business_clock_us,
        event_at,
        next_event_at
    from sequenced
)

select * from with_status
