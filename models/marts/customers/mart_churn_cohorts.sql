-- Counted from the churned stretches of int_customer_activity_spells, never
-- by expanding customers × months: each customer adds one to its cohort's
-- size from the month of its first activity, each churned stretch adds one
-- to its cohort's churned customers from its first to its last churned
-- month (months before the cohort month are outside the grid).
with

cohorts as (
    select
        customer_key,
        cohort_month
    from {{ ref('dim_customers') }}
),

spells as (
    select
        customer_key,
        signup_date,
        activity_date,
        first_churned_month,
        last_churned_month
    from {{ ref('int_customer_churned_months') }}
),

months as (
    select
        month,
        evaluation_date
    from {{ ref('int_calendar_months') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

cohort_months as (
    select distinct cohort_month from cohorts
),

-- every cohort × month from the signup month to as_of_date's month
grid as (
    select
        cohort_months.cohort_month,
        months.month,
        months.evaluation_date
    from cohort_months
    inner join months
        on cohort_months.cohort_month <= months.month
),

-- +1 to the cohort size from the month a customer is first counted
size_steps as (
    select
        cohorts.cohort_month,
        case
            when
                cast(
                    {{ dbt.date_trunc('month', 'spells.signup_date') }} as date
                ) > cohorts.cohort_month
                then cast(
                    {{ dbt.date_trunc('month', 'spells.signup_date') }} as date
                )
            else cohorts.cohort_month
        end as month,
        1 as size_step,
        0 as churned_step
    from spells
    inner join cohorts
        on spells.customer_key = cohorts.customer_key
    cross join as_of
    where
        spells.activity_date = spells.signup_date
        and spells.signup_date <= as_of.as_of_date
),

-- +1 churned from a stretch's first churned month (within the grid), -1
-- from the month after its last
clamped_stretches as (
    select
        cohorts.cohort_month,
        case
            when spells.first_churned_month > cohorts.cohort_month
                then spells.first_churned_month
            else cohorts.cohort_month
        end as first_month,
        spells.last_churned_month as last_month
    from spells
    inner join cohorts
        on spells.customer_key = cohorts.customer_key
    where spells.last_churned_month >= cohorts.cohort_month
),

steps as (
    select * from size_steps
    union all
    select
        cohort_month,
        first_month as month,
        0 as size_step,
        1 as churned_step
    from clamped_stretches
    where first_month <= last_month
    union all
    select
        cohort_month,
        cast({{ dbt.dateadd('month', 1, 'last_month') }} as date) as month,
        0 as size_step,
        -1 as churned_step
    from clamped_stretches
    where first_month <= last_month
),

stepped as (
    select
        cohort_month,
        month,
        sum(size_step) as size_step,
        sum(churned_step) as churned_step
    from steps
    group by 1, 2
),

counted as (
    select
        grid.cohort_month,
        grid.month,
        grid.evaluation_date,
        sum(coalesce(stepped.size_step, 0)) over (
            partition by grid.cohort_month order by grid.month
            rows between unbounded preceding and current row
        ) as cohort_size,
        sum(coalesce(stepped.churned_step, 0)) over (
            partition by grid.cohort_month order by grid.month
            rows between unbounded preceding and current row
        ) as churned_customers
    from grid
    left join stepped
        on
            grid.cohort_month = stepped.cohort_month
            and grid.month = stepped.month
),

measured as (
    select
        cohort_month,
        cast(
            {{ dbt.datediff('cohort_month', 'month', 'month') }} -- noqa: LT05
            as integer
        ) as months_since_signup,
        cast(cohort_size as bigint) as cohort_size,
        cast(cohort_size - churned_customers as bigint) as active_customers,
        cast(churned_customers as bigint) as churned_customers,
        {{ safe_pct('churned_customers', 'cohort_size') }} as churn_rate_pct,
        100.0 - {{ safe_pct('churned_customers', 'cohort_size') }}
            as retention_rate_pct,
        evaluation_date
    from counted
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status(
        'measured', dbt.date_trunc('month', 'measured.evaluation_date')
    ) }}
)

select * from final
