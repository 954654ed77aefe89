{{ config(materialized="table") }}

-- One row per staged customer record, with the canonical customer_key of the
-- person it belongs to: records sharing a normalised e-mail are one person,
-- keyed by the record with the earliest signup_at (ties: smallest id).
with

customers as (
    select
        customer_id,
        email_normalized,
        signup_at
    from {{ ref('stg_crm__customers') }}
),

resolved as (
    select
        customer_id,
        email_normalized,
        case
            when email_normalized is null then customer_id
            else first_value(customer_id) over (
                partition by email_normalized
                order by signup_at asc, customer_id asc
                rows between unbounded preceding and unbounded following
            )
        end as customer_key,
        signup_at
    from customers
),

final as (
    select
        customer_id,
        customer_key,
        email_normalized,
        customer_id = customer_key as is_canonical,
        signup_at
    from resolved
)

select * from final
