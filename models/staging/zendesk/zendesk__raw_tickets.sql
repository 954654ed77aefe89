-- raw_tickets of the raw contract, mapped from Zendesk as Fivetran lands it
-- (var tickets_source = 'zendesk'; the mapping rules are in
-- _zendesk__models.yml and docs/zendesk.md). Every
-- value is text, as the contract reads it; base_helpdesk__tickets validates
-- these rows like any other raw rows.
with

tickets as (
    select
        id,
        requester_id,
        via_channel,
        priority,
        status,
        subject,
        created_at
    from {{ source('zendesk', 'ticket') }}
),

users as (
    select
        id,
        email
    from {{ source('zendesk', 'user') }}
),

kept as (
    -- a deleted ticket is gone from Zendesk, so it is no ticket here
    select *
    from tickets
    where coalesce({{ clean_enum('status') }}, '') != 'deleted'
),

final as (
    select
        {{ clean_text('kept.id') }} as ticket_id,
        -- Zendesk has no customer record id: the requester's e-mail finds
        -- the customer through identity resolution
        cast(null as {{ dbt.type_string() }}) as customer_id,
        {{ clean_text('users.email') }} as requester_email,
        {{ clean_text('kept.via_channel') }} as channel,
        {{ clean_text('kept.priority') }} as priority,
        {{ clean_text('kept.created_at') }} as created_at,
        {{ clean_text('kept.subject') }} as subject
    from kept
    left join users
        on {{ clean_text('kept.requester_id') }} = {{ clean_text('users.id') }}
)

select * from final
