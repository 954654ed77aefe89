with

validated as (
    select * from {{ ref('base_crm__customers') }}
),

staged as (
    select
        customer_id,
        email,
        email_normalized,
        segment,
        country,
        signup_at
    from validated
    where rejection_reason is null
)

select * from staged
