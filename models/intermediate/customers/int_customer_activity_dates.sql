-- One row per canonical customer and activity date (README: churn): the
-- signup date of the customer (the earliest of its merged records; a merged
-- record's later signup is not activity) and the UTC dates of the completed
-- orders of every merged record. Cancelled and refunded orders are not
-- activity. An order before the signup (a guest checkout) is activity too,
-- but the customer is counted only from its signup date, which every row
-- carries.
with

records as (
    select
        customer_id,
        customer_key
    from {{ ref('int_customers_resolved') }}
),

customers as (
    select
        customer_key,
        min(signup_at) as signup_at
    from {{ ref('int_customers_resolved') }}
    group by 1
),

orders as (
    select
        customer_id,
        ordered_at
    from {{ ref('stg_crm__orders') }}
    where status = 'completed'
),

activity as (
    select
        customer_key,
        cast(signup_at as date) as activity_date
    from customers
    union all
    select
        records.customer_key,
        cast(orders.ordered_at as date) as activity_date
    from orders
    inner join records
        on orders.customer_id = records.customer_id
),

final as (
    select distinct
        activity.customer_key,
        activity.activity_date,
        cast(customers.signup_at as date) as signup_date
    from activity
    inner join customers
        on activity.customer_key = customers.customer_key
)

select * from final
