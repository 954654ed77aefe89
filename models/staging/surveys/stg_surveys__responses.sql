with

validated as (
    select * from {{ ref('base_surveys__responses') }}
),

staged as (
    select
        response_id,
        invitation_id,
        question_id,
        customer_id,
        customer_email,
        touchpoint,
        channel,
        comment,
        score,
        responded_at
    from validated
    where rejection_reason is null
)

select * from staged
