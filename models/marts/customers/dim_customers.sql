with

records as (
    select
        customer_id,
        customer_key,
        is_canonical
    from {{ ref('int_customers_resolved') }}
),

customers as (
    select
        customer_id,
        segment,
        country,
        signup_at
    from {{ ref('stg_crm__customers') }}
),

orders as (
    select
        customer_id,
        amount,
        ordered_at
    from {{ ref('stg_crm__orders') }}
    where status = 'completed'
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

-- the activity spell that contains as_of_date: the last activity on or
-- before it (none for a customer signed up after as_of_date)
latest_states as (
    select
        spells.customer_key,
        spells.activity_date as last_activity_date,
        cast(
            {{ dbt.datediff(
                'spells.activity_date', 'as_of.as_of_date', 'day'
            ) }} as integer
        ) as days_inactive
    from {{ ref('int_customer_activity_spells') }} as spells
    cross join as_of
    where
        spells.activity_date <= as_of.as_of_date
        and spells.signup_date <= as_of.as_of_date
        and (
            spells.next_activity_date is null
            or spells.next_activity_date > as_of.as_of_date
        )
),

merged as (
    select
        customer_key,
        count(*) as merged_records
    from records
    group by 1
),

order_totals as (
    select
        records.customer_key,
        count(*) as completed_orders,
        sum(orders.amount) as lifetime_value,
        min(orders.ordered_at) as first_order_at,
        max(orders.ordered_at) as last_order_at
    from orders
    inner join records
        on orders.customer_id = records.customer_id
    group by 1
),

final as (
    select
        records.customer_key,
        customers.segment,
        customers.country,
        cast(merged.merged_records as bigint) as merged_records,
        cast(coalesce(order_totals.completed_orders, 0) as bigint)
            as completed_orders,
        cast(coalesce(order_totals.lifetime_value, 0) as decimal(38, 18))
            as lifetime_value,
        latest_states.days_inactive,
        coalesce(
            latest_states.days_inactive > {{ var('inactivity_days') }}, false
        ) as is_churned,
        cast({{ dbt.date_trunc('month', 'customers.signup_at') }} as date)
            as cohort_month,
        latest_states.last_activity_date,
        customers.signup_at,
        order_totals.first_order_at,
        order_totals.last_order_at
    from records
    inner join customers
        on records.customer_id = customers.customer_id
    inner join merged
        on records.customer_key = merged.customer_key
    left join order_totals
        on records.customer_key = order_totals.customer_key
    left join latest_states
        on records.customer_key = latest_states.customer_key
    where records.is_canonical
)

select * from final
