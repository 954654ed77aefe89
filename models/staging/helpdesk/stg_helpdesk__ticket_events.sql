with

validated as (
    select * from {{ ref('base_helpdesk__ticket_events') }}
),

staged as (
    select
        event_id,
        ticket_id,
        agent_id,
        actor_type,
        event_type,
        handle_seconds,
        event_at
    from validated
    where rejection_reason is null
)

select * from staged
