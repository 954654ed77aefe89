with

validated as (
    select * from {{ ref('base_surveys__invitations') }}
),

staged as (
    select
        invitation_id,
        customer_id,
        question_id,
        ticket_id,
        order_id,
        touchpoint,
        channel,
        sent_at
    from validated
    where rejection_reason is null
)

select * from staged
