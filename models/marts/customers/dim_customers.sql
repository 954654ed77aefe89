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

-- per customer record first: a tenth of the rows to regroup by key
orders as (
    select
        customer_id,
        count(*) as completed_orders,
        sum(amount) as amount,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at
    from {{ ref('stg_crm__orders') }}
    where status = 'completed'
    group by 1
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

-- Every per-customer fact in one grouped pass, each source joined at most
-- once: records with their customer row, each record's order totals with
-- its key, and the latest state. Joining five per-customer tables in
-- one query kept all their hash tables in memory at once (it ran out of
-- memory where this completes: 1M customers under a 300 MB memory_limit);
-- a grouped pass spills.
facts as (
    select
        records.customer_key,
        1 as is_record,
        records.is_canonical and customers.customer_id is not null
            as is_canonical_customer,
        case when records.is_canonical then customers.segment end as segment,
        case when records.is_canonical then customers.country end as country,
        case when records.is_canonical then customers.signup_at end
            as signup_at,
        cast(0 as {{ dbt.type_bigint() }}) as completed_orders,
        cast(null as decimal(38, 18)) as amount,
        cast(null as {{ dbt.type_timestamp() }}) as first_order_at,
        cast(null as {{ dbt.type_timestamp() }}) as last_order_at,
        cast(null as integer) as days_inactive,
        cast(null as date) as last_activity_date
    from records
    left join customers
        on records.customer_id = customers.customer_id

    union all

    select
        records.customer_key,
        0 as is_record,
        false as is_canonical_customer,
        null as segment,
        null as country,
        null as signup_at,
        orders.completed_orders,
        orders.amount,
        orders.first_order_at,
        orders.last_order_at,
        null as days_inactive,
        null as last_activity_date
    from orders
    inner join records
        on orders.customer_id = records.customer_id

    union all

    select
        customer_key,
        0 as is_record,
        false as is_canonical_customer,
        null as segment,
        null as country,
        null as signup_at,
        0 as completed_orders,
        null as amount,
        null as first_order_at,
        null as last_order_at,
        days_inactive,
        last_activity_date
    from latest_states
),

final as (
    select
        customer_key,
        max(segment) as segment,
        max(country) as country,
        cast(sum(is_record) as bigint) as merged_records,
        cast(sum(completed_orders) as bigint) as completed_orders,
        cast(coalesce(sum(amount), 0) as decimal(38, 18)) as lifetime_value,
        max(days_inactive) as days_inactive,
        coalesce(
            max(days_inactive) > {{ var('inactivity_days') }}, false
        ) as is_churned,
        cast({{ dbt.date_trunc('month', 'max(signup_at)') }} as date)
            as cohort_month,
        max(last_activity_date) as last_activity_date,
        max(signup_at) as signup_at,
        min(first_order_at) as first_order_at,
        max(last_order_at) as last_order_at
    from facts
    group by 1
    -- a key is a customer when its canonical record is a staged customer
    having max(case when is_canonical_customer then 1 else 0 end) = 1
)

select * from final
