{{ config(**cx_platform.incremental_config(unique_key='customer_id')) }}

-- One row per staged customer record, with the canonical customer_key of the
-- person it belongs to: records sharing a normalised e-mail are one person,
-- keyed by the record with the earliest signup_at (ties: smallest id).
-- Incremental: a run recomputes the records that changed and every record
-- sharing an e-mail with one of them (their person may have a new canonical
-- record); each rewritten row carries the run's cx_batch, which tells the
-- facts and the activity spells whose customer may have changed.

with

customers as (
    select
        customer_id,
        email_normalized,
        signup_at
    from {{ ref('stg_crm__customers') }}
    {% if is_incremental() -%}
    where customer_id in ({{
        affected_keys__int_customers_resolved(with_loaded=false)
    }})
    {%- endif %}
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
        signup_at,
        {{ cx_platform.current_batch() }} as cx_batch
    from resolved
)

select * from final
