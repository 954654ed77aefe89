-- raw_ticket_events of the raw contract, mapped from Zendesk as Fivetran
-- lands it (var tickets_source = 'zendesk'): public comments but the
-- opening one become messages, each status change an event (open,
-- pending, on_hold, solved, reopened; any other status as written). The
-- rules are in _zendesk__models.yml and docs/zendesk.md. Every value is
-- text, as the contract reads it; base_helpdesk__ticket_events validates
-- these rows like any other (an unknown status is rejected there as
-- unknown_value, and audited). The comments and status rows it does not
-- map (of deleted or unknown tickets, private comments) are audited by
-- zendesk__left_out_rows.
with

tickets as (
    select
        id,
        status
    from {{ source('zendesk', 'ticket') }}
),

users as (
    select
        id,
        role
    from {{ source('zendesk', 'user') }}
),

comments as (
    select
        id,
        ticket_id,
        user_id,
        public,
        created
    from {{ source('zendesk', 'ticket_comment') }}
),

field_history as (
    select
        ticket_id,
        user_id,
        field_name,
        value,
        updated
    from {{ source('zendesk', 'ticket_field_history') }}
),

kept_tickets as (
    -- the tickets whose events are mapped: a deleted ticket's events go
    -- with it, and those of a ticket not in `ticket` cannot be mapped
    -- (both audited by zendesk__left_out_rows)
    select {{ clean_text('id') }} as ticket_id
    from tickets
    where {{ clean_text('id') }} is not null
    group by {{ clean_text('id') }}
    having
        max(case when {{ clean_enum('status') }} = 'deleted' then 1 else 0 end)
        = 0
),

actors as (
    -- end-users are customers, agents and admins are agents; a user
    -- Zendesk does not list (the system, user -1) is the system
    select
        {{ clean_text('id') }} as user_id,
        case
            when {{ clean_enum('role') }} in ('agent', 'admin') then 'agent'
            when {{ clean_enum('role') }} = 'end-user' then 'customer'
            else 'system'
        end as actor_type
    from users
),

numbered_comments as (
    -- the ticket's comments in order (created, ties: id)
    select
        {{ clean_text('id') }} as comment_id,
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('user_id') }} as user_id,
        {{ clean_enum('public') }} as public,
        {{ clean_text('created') }} as event_at,
        row_number() over (
            partition by {{ clean_text('ticket_id') }}
            order by created, id
        ) as comment_seq
    from comments
),

public_comments as (
    -- the opening comment (the ticket's description) is the request, not a
    -- reply, whoever wrote it: a ticket an agent opens on a customer's
    -- behalf is answered at the agent's next public comment; private
    -- comments are internal notes, not replies to the customer
    select
        comment_id,
        ticket_id,
        user_id,
        event_at
    from numbered_comments
    where
        comment_seq > 1
        and public in ('true', 't', '1')
),

comment_events as (
    -- 'zc-' sorts before 'zs-': a reply and a status change of the same
    -- update (same instant) are in that order, the reply first
    select
        'zc-' || lpad(public_comments.comment_id, 20, '0') as event_id,
        public_comments.ticket_id,
        public_comments.event_at,
        coalesce(actors.actor_type, 'system') as actor_type,
        'message' as event_type,
        case
            when actors.actor_type = 'agent' then public_comments.user_id
        end as agent_id
    from public_comments
    left join actors
        on public_comments.user_id = actors.user_id
),

status_changes as (
    -- the contract's status of each change: new and open are open, hold is
    -- on_hold, solved and closed are solved; any other value is passed on
    -- as written (trimmed), for the contract to reject as unknown_value
    select
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('user_id') }} as user_id,
        {{ clean_enum('value') }} as status,
        case
            when {{ clean_enum('value') }} in ('new', 'open') then 'open'
            when {{ clean_enum('value') }} = 'pending' then 'pending'
            when {{ clean_enum('value') }} = 'hold' then 'on_hold'
            when {{ clean_enum('value') }} in ('solved', 'closed') then 'solved'
            else {{ clean_text('value') }}
        end as contract_status,
        {{ clean_text('updated') }} as event_at,
        updated
    from field_history
    where {{ clean_enum('field_name') }} = 'status'
),

sequenced_changes as (
    -- before its first change a ticket is new (open in the contract)
    select
        ticket_id,
        user_id,
        status,
        contract_status,
        lag(status, 1, 'new') over (
            partition by ticket_id order by updated
        ) as previous_status,
        lag(contract_status, 1, 'open') over (
            partition by ticket_id order by updated
        ) as previous_contract_status,
        event_at
    from status_changes
),

reopening_changes as (
    -- a solved or closed ticket set to another status (not deleted)
    select
        *,
        previous_status in ('solved', 'closed')
        and status not in ('solved', 'closed', 'deleted') as is_reopening
    from sequenced_changes
),

status_steps as (
    -- step a: a reopening is 'reopened'; step b: a change of the contract's
    -- status is an event of the new status (solved to pending is reopened,
    -- then pending; solved to open is only reopened, which sets open;
    -- closed after solved is nothing, not a second solve; closed without a
    -- solve, a merged ticket, is solved at that instant)
    select
        ticket_id,
        user_id,
        'a' as step,
        'reopened' as event_type,
        event_at
    from reopening_changes
    where is_reopening
    union all
    select
        ticket_id,
        user_id,
        'b' as step,
        contract_status as event_type,
        event_at
    from reopening_changes
    where
        -- null-safe: no status is written as ''
        coalesce(contract_status, '') != coalesce(previous_contract_status, '')
        and not (coalesce(is_reopening, false) and contract_status = 'open')
),

status_events as (
    select
        'zs-' || lpad(status_steps.ticket_id, 20, '0')
        || '-' || status_steps.event_at
        || '-' || status_steps.step as event_id,
        status_steps.ticket_id,
        status_steps.event_at,
        coalesce(actors.actor_type, 'system') as actor_type,
        status_steps.event_type,
        case
            when actors.actor_type = 'agent' then status_steps.user_id
        end as agent_id
    from status_steps
    left join actors
        on status_steps.user_id = actors.user_id
),

events as (
    select * from comment_events
    union all
    select * from status_events
),

final as (
    select
        events.event_id,
        events.ticket_id,
        events.event_at,
        events.actor_type,
        events.event_type,
        events.agent_id,
        -- Zendesk's tables have no handle time
        cast(null as {{ dbt.type_string() }}) as handle_seconds
    from events
    -- the events of a deleted ticket go with it; those of a ticket not in
    -- `ticket` are left out as unknown_ticket (zendesk__left_out_rows)
    inner join kept_tickets
        on events.ticket_id = kept_tickets.ticket_id
)

select * from final
