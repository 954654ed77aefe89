-- One row per staged ticket event, in the ticket's order (event_at, ties:
-- event_id), with the ticket's status after the event (docs/metrics.md:
-- support, status timeline): open from created_at; pending and on_hold set
-- those statuses; a customer message while pending or on hold sets it open
-- again; an agent message changes nothing; open (the status set back to open by
-- anyone) sets open; solved sets solved; reopened sets open. Each event also
-- carries what the milestones need without a second pass: the ticket's business
-- clock at its time (ticket_business_clock: the default calendar, or the
-- ticket's schedules), the time and clock of the next event (the end of the
-- status segment it opens), and how many solved and reopened events follow it.
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

clocked as (
    select
        events.*,
        {{ ticket_business_clock('events.event_at', 'event', 'calendar') }}
            as business_clock_us
    from events
    left join calendar
        on {{ business_local_date('events.event_at') }} = calendar.local_date
    {{ ticket_clock_joins('event', 'events.event_at', 'events.ticket_id') }}
),

-- the latest status-setting event so far, and the latest of those and the
-- customer messages (a customer message after pending / on_hold sets open)
sequenced as (
    select
        *,
        row_number() over ({{ ticket_order }}) as event_seq,
        {{ last_value_ignoring_nulls(
            "case when event_type in ('open', 'pending', 'on_hold', 'solved', 'reopened') then event_type end",
            so_far
        ) }} as last_setter_type,
        {{ last_value_ignoring_nulls(
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
