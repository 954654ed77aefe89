{{ config(**cx_platform.incremental_config(unique_key='ticket_id')) }}

-- One row per staged ticket: the milestones and counts of its event history
-- (docs/metrics.md: support) and its waits in exact microseconds. First
-- response = first agent message; first resolution = first solved; final
-- resolution = the last solved when no reopened follows it, else the ticket
-- is unresolved. Requester wait = time open or on hold and agent wait =
-- time pending, from created_at to the final resolution: the segment from
-- created_at to the first event is open, then each event before the final
-- resolution opens a segment with its status_after until the next event.
-- One grouped pass over the sequenced events: "before the final resolution"
-- is an event that a solved event follows. The ticket's business clock at
-- each milestone: at created_at from the rows joined in clocked_tickets, at
-- an event's milestones from the events' clocks (a ticket's clock never runs
-- backwards, so the clock at the first or last such event is the least or
-- greatest of their clocks). Incremental: a run recomputes
-- the tickets with a changed ticket row or event (every ticket when a
-- holiday changed, since business time moves).

with

tickets as (
    select
        ticket_id,
        customer_id,
        requester_email_normalized,
        channel,
        priority,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}
    {% if is_incremental() -%}
    where {{ cx_platform.keys_in('ticket_id', affected_keys__int_ticket_milestones()) }}
    {%- endif %}
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

events as (
    select
        ticket_id,
        actor_type,
        event_type,
        status_after,
        later_solved_events,
        later_reopened_events,
        handle_seconds,
        business_clock_us,
        next_business_clock_us,
        event_at,
        next_event_at
    from {{ ref('int_ticket_events_sequenced') }}
    {% if is_incremental() -%}
    where {{ cx_platform.keys_in('ticket_id', affected_keys__int_ticket_milestones()) }}
    {%- endif %}
),

summarised as (
    select
        ticket_id,
        -- resolved: some solved event has no reopened event after it
        count(
            case
                when event_type = 'solved' and later_reopened_events = 0
                    then 1
            end
        ) > 0 as is_resolved,
        count(case when event_type = 'reopened' then 1 end) as reopen_count,
        count(case when event_type = 'solved' then 1 end) as solved_count,
        count(
            case
                when actor_type = 'agent' and event_type = 'message' then 1
            end
        ) as agent_messages,
        count(
            case
                when
                    actor_type = 'agent'
                    and event_type = 'message'
                    and later_solved_events > 0
                    then 1
            end
        ) as agent_messages_before_last_solved,
        sum(case when actor_type = 'agent' then handle_seconds end)
            as agent_handle_seconds,
        min(
            case
                when actor_type = 'agent' and event_type = 'message'
                    then event_at
            end
        ) as first_response_at,
        min(
            case
                when actor_type = 'agent' and event_type = 'message'
                    then business_clock_us
            end
        ) as first_response_clock_us,
        min(case when event_type = 'solved' then event_at end)
            as first_resolved_at,
        min(case when event_type = 'solved' then business_clock_us end)
            as first_resolved_clock_us,
        max(case when event_type = 'solved' then event_at end)
            as last_solved_at,
        max(case when event_type = 'solved' then business_clock_us end)
            as last_solved_clock_us,
        min(event_at) as first_event_at,
        min(business_clock_us) as first_event_clock_us,
        -- segments each event opens before the final resolution
        sum(
            case
                when
                    later_solved_events > 0
                    and status_after in ('open', 'on_hold')
                    then {{ cx_platform.microseconds_between(
                        'event_at', 'next_event_at'
                    ) }}
            end
        ) as requester_wait_in_segments_us,
        sum(
            case
                when
                    later_solved_events > 0
                    and status_after in ('open', 'on_hold')
                    then next_business_clock_us - business_clock_us
            end
        ) as requester_wait_in_segments_business_us,
        sum(
            case
                when later_solved_events > 0 and status_after = 'pending'
                    then {{ cx_platform.microseconds_between(
                        'event_at', 'next_event_at'
                    ) }}
            end
        ) as agent_wait_in_segments_us,
        sum(
            case
                when later_solved_events > 0 and status_after = 'pending'
                    then next_business_clock_us - business_clock_us
            end
        ) as agent_wait_in_segments_business_us
    from events
    group by 1
),

-- the ticket's clock at created_at, from: the default calendar's day of
-- created_at; the ticket's stretch on a schedule that holds it (none: the
-- default schedule); that schedule's segment that holds it
clocked_tickets as (
    select
        tickets.ticket_id,
        tickets.customer_id,
        spell.schedule_id,
        tickets.requester_email_normalized,
        tickets.channel,
        tickets.priority,
        tickets.created_at,
        {{ ticket_business_clock(
            'tickets.created_at', 'spell', 'segment', 'calendar'
        ) }} as created_clock_us
    from tickets
    left join calendar
        on {{ business_local_date('tickets.created_at') }} = calendar.local_date
    left join schedule_spells as spell
        on
            tickets.ticket_id = spell.ticket_id
            and tickets.created_at >= spell.valid_from
            and tickets.created_at < spell.valid_until
    left join schedule_calendar as segment
        on
            spell.schedule_id = segment.schedule_id
            and cast(
                {{ cx_platform.utc_to_zone(
                    'tickets.created_at', 'spell.time_zone'
                ) }}
                as date
            ) = segment.local_date
            and tickets.created_at >= segment.segment_start_utc
            and tickets.created_at < segment.segment_end_utc
),

final as (
    select
        clocked_tickets.ticket_id,
        -- the ticket's own columns, so that fct_tickets need not join the
        -- tickets again (a second join of two ticket-sized tables)
        clocked_tickets.customer_id,
        -- the schedule in force at creation (null: the default schedule)
        clocked_tickets.schedule_id,
        clocked_tickets.requester_email_normalized,
        clocked_tickets.channel,
        clocked_tickets.priority,
        coalesce(summarised.reopen_count, 0) as reopen_count,
        coalesce(summarised.solved_count, 0) as solved_count,
        -- agent replies up to the final resolution (all while unresolved)
        case
            when summarised.is_resolved
                then summarised.agent_messages_before_last_solved
            else coalesce(summarised.agent_messages, 0)
        end as agent_replies,
        coalesce(summarised.agent_handle_seconds, 0) as agent_handle_seconds,
        coalesce(summarised.is_resolved, false) as is_resolved,
        -- waits of resolved tickets: the open segment from created_at to
        -- the first event, then the segments the events open
        case
            when summarised.is_resolved
                then
                    {{ cx_platform.microseconds_between(
                        'clocked_tickets.created_at', 'summarised.first_event_at'
                    ) }}
                    + coalesce(
                        cast(
                            summarised.requester_wait_in_segments_us
                            as bigint
                        ),
                        0
                    )
        end as requester_wait_us,
        case
            when summarised.is_resolved
                then
                    summarised.first_event_clock_us
                    - clocked_tickets.created_clock_us
                    + coalesce(
                        cast(
                            summarised.requester_wait_in_segments_business_us
                            as bigint
                        ),
                        0
                    )
        end as requester_wait_business_us,
        case
            when summarised.is_resolved
                then coalesce(
                    cast(summarised.agent_wait_in_segments_us as bigint),
                    0
                )
        end as agent_wait_us,
        case
            when summarised.is_resolved
                then coalesce(
                    cast(
                        summarised.agent_wait_in_segments_business_us
                        as bigint
                    ),
                    0
                )
        end as agent_wait_business_us,
        -- the ticket's business clock at each milestone
        clocked_tickets.created_clock_us as created_business_clock_us,
        summarised.first_response_clock_us
            as first_response_business_clock_us,
        summarised.first_resolved_clock_us
            as first_resolved_business_clock_us,
        case
            when summarised.is_resolved then summarised.last_solved_clock_us
        end as resolved_business_clock_us,
        clocked_tickets.created_at,
        summarised.first_response_at,
        summarised.first_resolved_at,
        case
            when summarised.is_resolved then summarised.last_solved_at
        end as resolved_at,
        {{ cx_platform.current_batch() }} as cx_batch
    from clocked_tickets
    left join summarised
        on clocked_tickets.ticket_id = summarised.ticket_id
)

select * from final
