with

states as (
    select
        customer_key,
        month,
        is_churned,
        signup_date,
        evaluation_date
    from {{ ref('int_customer_monthly_states') }}
),

cohorts as (
    select
        customer_key,
        cohort_month
    from {{ ref('dim_customers') }}
),

months as (
    select
        month,
        evaluation_date
    from {{ ref('int_calendar_months') }}
),

cohort_sizes as (
    select distinct cohort_month from cohorts
),

-- every cohort × month from the signup month to as_of_date's month
grid as (
    select
        cohort_sizes.cohort_month,
        months.month,
        months.evaluation_date
    from cohort_sizes
    inner join months
        on cohort_sizes.cohort_month <= months.month
),

counted as (
    select
        cohorts.cohort_month,
        states.month,
        count(*) as cohort_size,
        count(case when not states.is_churned then 1 end) as active_customers,
        count(case when states.is_churned then 1 end) as churned_customers
    from states
    inner join cohorts
        on states.customer_key = cohorts.customer_key
    group by 1, 2
),

final as (
    select
        grid.cohort_month,
        cast(
            {{ dbt.datediff('grid.cohort_month', 'grid.month', 'month') }}
            as integer
        ) as months_since_signup,
        cast(coalesce(counted.cohort_size, 0) as bigint) as cohort_size,
        cast(coalesce(counted.active_customers, 0) as bigint)
            as active_customers,
        cast(coalesce(counted.churned_customers, 0) as bigint)
            as churned_customers,
        {{ safe_pct('counted.churned_customers', 'counted.cohort_size') }}
            as churn_rate_pct,
        100.0
        - {{ safe_pct('counted.churned_customers', 'counted.cohort_size') }}
            as retention_rate_pct,
        grid.evaluation_date
    from grid
    left join counted
        on
            grid.cohort_month = counted.cohort_month
            and grid.month = counted.month
)

select * from final
