-- One row per staged ticket event, in the ticket's order (event_at, ties:
-- event_id), with the ticket's status after the event (SPEC §2 status
-- timeline): open from created_at; pending and on_hold set those statuses;
-- a customer message while pending or on hold sets it open again; an agent
-- message changes nothing; solved sets solved; reopened sets open.
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

sequenced as (
    select
        *,
        row_number() over (
            partition by ticket_id order by event_at, event_id
        ) as event_seq
    from events
),

-- the last status-setting event and the last customer message so far
marked as (
    select
        *,
        max(
            case
                when event_type in ('pending', 'on_hold', 'solved', 'reopened')
                    then event_seq
            end
        ) over (
            partition by ticket_id order by event_seq
            rows between unbounded preceding and current row
        ) as setter_seq,
        max(
            case
                when actor_type = 'customer' and event_type = 'message'
                    then event_seq
            end
        ) over (
            partition by ticket_id order by event_seq
            rows between unbounded preceding and current row
        ) as customer_message_seq
    from sequenced
),

with_status as (
    select
        marked.event_id,
        marked.ticket_id,
        marked.actor_type,
        marked.event_type,
        case
            when setters.event_type is null then 'open'
            when setters.event_type = 'solved' then 'solved'
            when setters.event_type = 'reopened' then 'open'
            when marked.customer_message_seq > marked.setter_seq then 'open'
            else setters.event_type
        end as status_after,
        marked.event_seq,
        marked.handle_seconds,
        marked.event_at
    from marked
    left join sequenced as setters
        on
            marked.ticket_id = setters.ticket_id
            and marked.setter_seq = setters.event_seq
)

select * from with_status
