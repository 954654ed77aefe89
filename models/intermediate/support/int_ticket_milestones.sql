-- One row per staged ticket: the milestones and counts of its event history
-- (SPEC §2 Support tickets). First response = first agent message; first
-- resolution = first solved; final resolution = the last solved when no
-- reopened follows it, else the ticket is unresolved.
with

tickets as (
    select
        ticket_id,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}
),

events as (
    select
        ticket_id,
        actor_type,
        event_type,
        event_seq,
        handle_seconds,
        event_at
    from {{ ref('int_ticket_events_sequenced') }}
),

summarised as (
    select
        ticket_id,
        max(case when event_type = 'solved' then event_seq end)
            as last_solved_seq,
        max(case when event_type = 'reopened' then event_seq end)
            as last_reopened_seq,
        count(case when event_type = 'reopened' then 1 end) as reopen_count,
        count(case when event_type = 'solved' then 1 end) as solved_count,
        sum(case when actor_type = 'agent' then handle_seconds end)
            as agent_handle_seconds,
        min(
            case
                when actor_type = 'agent' and event_type = 'message'
                    then event_at
            end
        ) as first_response_at,
        min(case when event_type = 'solved' then event_at end)
            as first_resolved_at
    from events
    group by 1
),

resolved as (
    select
        summarised.*,
        summarised.last_solved_seq is not null
        and (
            summarised.last_reopened_seq is null
            or summarised.last_reopened_seq < summarised.last_solved_seq
        ) as is_resolved
    from summarised
),

-- agent replies up to the final resolution (all of them while unresolved)
replies as (
    select
        events.ticket_id,
        count(*) as agent_replies
    from events
    inner join resolved
        on events.ticket_id = resolved.ticket_id
    where
        events.actor_type = 'agent'
        and events.event_type = 'message'
        and (
            not resolved.is_resolved
            or events.event_seq <= resolved.last_solved_seq
        )
    group by 1
),

final as (
    select
        tickets.ticket_id,
        coalesce(resolved.reopen_count, 0) as reopen_count,
        coalesce(resolved.solved_count, 0) as solved_count,
        coalesce(replies.agent_replies, 0) as agent_replies,
        coalesce(resolved.agent_handle_seconds, 0) as agent_handle_seconds,
        coalesce(resolved.is_resolved, false) as is_resolved,
        tickets.created_at,
        resolved.first_response_at,
        resolved.first_resolved_at,
        solved_events.event_at as resolved_at
    from tickets
    left join resolved
        on tickets.ticket_id = resolved.ticket_id
    left join replies
        on tickets.ticket_id = replies.ticket_id
    left join events as solved_events
        on
            resolved.ticket_id = solved_events.ticket_id
            and resolved.last_solved_seq = solved_events.event_seq
            and resolved.is_resolved
)

select * from final
