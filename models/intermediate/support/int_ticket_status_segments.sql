-- One row per status segment of a resolved ticket, from created_at to the
-- final resolution: [created_at, first event) is open, then each event opens
-- a segment with the status after it, until the next event; segments are
-- cut at resolved_at. Calendar and business seconds of each segment sum up
-- to the requester and agent waits of fct_tickets.
with

milestones as (
    select
        ticket_id,
        created_at,
        resolved_at
    from {{ ref('int_ticket_milestones') }}
    where is_resolved
),

events as (
    select
        ticket_id,
        event_seq,
        status_after,
        event_at
    from {{ ref('int_ticket_events_sequenced') }}
),

calendar as (
    select * from {{ ref('int_business_calendar') }}
),

boundaries as (
    select
        milestones.ticket_id,
        0 as segment_seq,
        'open' as status,
        milestones.created_at as started_at,
        milestones.resolved_at
    from milestones
    union all
    select
        events.ticket_id,
        events.event_seq as segment_seq,
        events.status_after as status,
        events.event_at as started_at,
        milestones.resolved_at
    from events
    inner join milestones
        on events.ticket_id = milestones.ticket_id
),

segments as (
    select
        ticket_id,
        segment_seq,
        status,
        started_at,
        least(
            coalesce(
                lead(started_at) over (
                    partition by ticket_id order by segment_seq
                ),
                resolved_at
            ),
            resolved_at
        ) as ended_at
    from boundaries
    where started_at < resolved_at
),

measured as (
    select
        segments.ticket_id,
        segments.segment_seq,
        segments.status,
        {{ seconds_between('segments.started_at', 'segments.ended_at') }}
            as calendar_seconds,
        {{ business_seconds_between(
            'segments.started_at', 'segments.ended_at',
            'start_day', 'end_day'
        ) }} as business_seconds,
        segments.started_at,
        segments.ended_at
    from segments
    inner join calendar as start_day
        on
            {{ business_local_date('segments.started_at') }}
            = start_day.local_date
    inner join calendar as end_day
        on
            {{ business_local_date('segments.ended_at') }}
            = end_day.local_date
)

select * from measured
