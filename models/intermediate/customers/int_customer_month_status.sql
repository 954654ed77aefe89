{{ config(materialized='table') }}

-- Grain: one row per canonical customer × month, from the customer's signup
-- month to as_of_date's month (a customer who signs up after as_of_date has
-- no row): the customer's status at the month's evaluation date
-- min(last day, as_of_date). The rows of fct_customer_months, before their
-- facts. A table of its own: at ten million customers (115M customer
-- months) the range join that makes these rows, in the same query as the
-- join with the month's facts, ran out of memory under the 2GB limit.
--
-- The status comes from the churned stretches of
-- int_customer_churned_months (the months whose evaluation date falls in
-- a stretch of churn). A customer's months are cut into segments: each
-- stretch is a churned segment, the months before, between and after the
-- stretches are active segments. The rows are the segments' months (a join
-- with the month spine, a few hundred rows), so every row knows its status
-- without a join per customer month. A month's number (months_since_signup
-- is its difference with the cohort month's), as_of_date and
-- is_complete_month are computed once per month of the spine, not on each
-- row (10% of fct_customer_months at a million customers).
with

-- the month spine with each month's number (its place in the spine)
calendar_months as (
    select
        month,
        evaluation_date,
        row_number() over (order by month) as month_number
    from {{ ref('int_calendar_months') }}
),

-- and its status (as_of_date, is_complete_month), the same macro as every
-- monthly mart; computed here once per month rather than on every
-- customer month
months as (
    {{ with_month_status('calendar_months', 'calendar_months.month') }}
),

-- each canonical customer (the record that is its customer_key, with
-- the signup of dim_customers); a customer who signs up after
-- as_of_date's month has no cohort month in the spine and no row
canonical_records as (
    select
        customer_key,
        cast({{ dbt.date_trunc('month', 'signup_at') }} as date)
            as cohort_month,
        cast(signup_at as date) as signup_date
    from {{ ref('int_customers_resolved') }}
    where is_canonical
),

customers as (
    select
        canonical_records.customer_key,
        canonical_records.cohort_month,
        canonical_records.signup_date,
        months.month_number as cohort_month_number
    from canonical_records
    inner join months
        on canonical_records.cohort_month = months.month
),

as_of as (
    select
        cast({{ dbt.date_trunc('month', 'as_of_date') }} as date)
            as as_of_month
    from {{ ref('int_as_of_date') }}
),

-- each customer's churned stretches in order, with the end of the one
-- before (stretches never overlap)
stretches as (
    select
        churned.customer_key,
        customers.cohort_month,
        customers.cohort_month_number,
        customers.signup_date,
        churned.first_churned_month,
        churned.last_churned_month,
        lag(churned.last_churned_month) over (
            partition by churned.customer_key
            order by churned.first_churned_month
        ) as previous_last_month,
        lead(churned.first_churned_month) over (
            partition by churned.customer_key
            order by churned.first_churned_month
        ) as next_first_month
    from {{ ref('int_customer_churned_months') }} as churned
    inner join customers
        on churned.customer_key = customers.customer_key
    where churned.first_churned_month is not null
),

-- a segment: months from_month..to_month of one status; starts_churn (a
-- churned segment whose month before was active or before the signup) and
-- starts_reactivation (an active segment after a churned one) mark its
-- first month
segments as (
    -- each stretch
    select
        customer_key,
        cohort_month,
        cohort_month_number,
        signup_date,
        first_churned_month as from_month,
        last_churned_month as to_month,
        true as is_churned,
        coalesce(
            previous_last_month
            < cast(
                {{ dbt.dateadd('month', -1, 'first_churned_month') }} as date
            ),
            true
        ) as starts_churn,
        false as starts_reactivation
    from stretches

    union all

    -- the active months after each stretch, up to the next one or as_of
    select
        stretches.customer_key,
        stretches.cohort_month,
        stretches.cohort_month_number,
        stretches.signup_date,
        cast(
            {{ dbt.dateadd('month', 1, 'stretches.last_churned_month') }}
            as date
        ) as from_month,
        coalesce(
            cast(
                {{ dbt.dateadd('month', -1, 'stretches.next_first_month') }}
                as date
            ),
            as_of.as_of_month
        ) as to_month,
        false as is_churned,
        false as starts_churn,
        true as starts_reactivation
    from stretches
    cross join as_of

    union all

    -- the active months from the signup to the first stretch (or as_of)
    select
        customers.customer_key,
        customers.cohort_month,
        customers.cohort_month_number,
        customers.signup_date,
        customers.cohort_month as from_month,
        coalesce(
            cast(
                {{ dbt.dateadd('month', -1, 'stretches.first_churned_month') }}
                as date
            ),
            as_of.as_of_month
        ) as to_month,
        false as is_churned,
        false as starts_churn,
        false as starts_reactivation
    from customers
    cross join as_of
    left join stretches
        on
            customers.customer_key = stretches.customer_key
            and stretches.previous_last_month is null
),

-- every customer × month from the signup month to as_of_date's month, with
-- its status (an empty segment, from after to, has no month)
grid as (
    select
        segments.customer_key,
        months.month,
        segments.cohort_month,
        cast(months.month_number - segments.cohort_month_number as integer)
            as months_since_signup,
        months.evaluation_date,
        months.as_of_date,
        months.is_complete_month,
        segments.is_churned,
        segments.is_churned
        and segments.starts_churn
        and segments.from_month = months.month as churned_in_month,
        segments.starts_reactivation
        and segments.from_month = months.month as reactivated_in_month
    from segments
    inner join months
        on
            segments.from_month <= months.month
            and segments.to_month >= months.month
            and segments.signup_date <= months.evaluation_date
),

final as (
    select * from grid
)

select * from final
