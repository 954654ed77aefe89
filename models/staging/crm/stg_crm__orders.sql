with

validated as (
    select * from {{ ref('base_crm__orders') }}
),

staged as (
    select
        order_id,
        customer_id,
        status,
        amount,
        ordered_at
    from validated
    where rejection_reason is null
)

select * from staged
