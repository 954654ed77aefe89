-- One row per canonical customer and activity date (docs/metrics.md: churn):
-- the signup date of the customer (the earliest of its merged records; a merged
-- record's later signup is not activity) and the UTC dates of the completed
-- orders of every merged record. Cancelled and refunded orders are not
-- activity. An order before the signup (a guest checkout) is activity too, but
-- the customer is counted only from its signup date, which every row carries.
-- Memory: the order dates are made distinct on their own and the signup dates
-- (one per customer) added after, rather than one DISTINCT over the union of
-- both: that plan ran out of memory at 10M customers (a hash table that did not
-- spill; at 1M it failed under a 400 MB memory_limit, this one completes under
-- 250 MB).
with

customers as (
    select
        customer_key,
        min(signup_at) as signup_at
    from {{ ref('int_customers_resolved') }}
    group by 1
),

records as (
    select
        resolved.customer_id,
        resolved.customer_key,
        cast(customers.signup_at as date) as signup_date
    from {{ ref('int_customers_resolved') }} as resolved
    inner join customers
        on resolved.customer_key = customers.customer_key
),

orders as (
    select
        customer_id,
        ordered_at
    from {{ ref('stg_crm__orders') }}
    where status = 'completed'
),

-- an order on the signup date adds no date: the signup row has it
order_dates as (
    select distinct
        records.customer_key,
        cast(orders.ordered_at as date) as activity_date,
        records.signup_date
    from orders
    inner join records
        on orders.customer_id = records.customer_id
    where cast(orders.ordered_at as date) <> records.signup_date
),

final as (
    select
        customer_key,
        cast(signup_at as date) as activity_date,
        cast(signup_at as date) as signup_date
    from customers
    union all
    select
        customer_key,
        activity_date,
        signup_date
    from order_dates
)

select * from final
