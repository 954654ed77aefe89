-- One row per status segment of a resolved ticket, from created_at to the
-- final resolution: [created_at, first event) is open, then each event opens
-- a segment with the status after it, until the next event; segments end
-- at resolved_at. For analysis of where a ticket's time went: the
-- calendar and business seconds of its open and on-hold segments add up to
-- its requester wait, of its pending segments to its agent wait (computed in
-- int_ticket_milestones from the same events and business clocks). A view:
-- no mart reads it.
with

milestones as (
    select
        ticket_id,
        created_business_clock_us,
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
        business_clock_us,
        next_business_clock_us,
        event_at,
        next_event_at
    from {{ ref('int_ticket_events_sequenced') }}
),

opening_segments as (
    select
        milestones.ticket_id,
        0 as segment_seq,
        'open' as status,
        events.business_clock_us - milestones.created_business_clock_us
            as business_us,
        milestones.created_at as started_at,
        events.event_at as ended_at
    from milestones
    inner join events
        on
            milestones.ticket_id = events.ticket_id
            and events.event_seq = 1
            and milestones.created_at < milestones.resolved_at
),

event_segments as (
    select
        events.ticket_id,
        events.event_seq as segment_seq,
        events.status_after as status,
        events.next_business_clock_us - events.business_clock_us
            as business_us,
        events.event_at as started_at,
        events.next_event_at as ended_at
    from events
    inner join milestones
        on events.ticket_id = milestones.ticket_id
    where events.event_at < milestones.resolved_at
),

segments as (
    select * from opening_segments
    union all
    select * from event_segments
),

final as (
    select
        ticket_id,
        segment_seq,
        status,
        {{ cx_platform.microseconds_between('started_at', 'ended_at') }}
        / {{ cx_platform.double_literal(1000000) }} as calendar_seconds,
        business_us / {{ cx_platform.double_literal(1000000) }}
            as business_seconds,
        started_at,
        ended_at
    from segments
)

select * from final
