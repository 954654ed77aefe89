with

validated as (
    select * from {{ ref('base_helpdesk__tickets') }}
),

staged as (
    select
        ticket_id,
        customer_id,
        requester_email,
        -- descriptive: any value is kept, a missing one is 'unknown'
        coalesce(channel, 'unknown') as channel,
        coalesce(priority, 'unknown') as priority,
        subject,
        created_at
    from validated
    where rejection_reason is null
)

select * from staged
