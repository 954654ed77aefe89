-- Grain: one row per signup cohort month × months since signup (0, 1, … up
-- to as_of_date's month): the lifetime-value curve. The cohort's customers
-- and their completed orders in each month are the rows of
-- fct_customer_months (a customer counted from its signup date on, orders
-- of months before the signup month in no row); the grid of cohorts ×
-- months is that of mart_churn_cohorts, so both marts have the same rows
-- and the same cohort_size.
with

cohorts as (
    select distinct cohort_month from {{ ref('dim_customers') }}
),

months as (
    select
        month,
        evaluation_date
    from {{ ref('int_calendar_months') }}
),

customer_months as (
    select
        cohort_month,
        month,
        orders,
        revenue
    from {{ ref('fct_customer_months') }}
),

grid as (
    select
        cohorts.cohort_month,
        months.month,
        months.evaluation_date
    from cohorts
    inner join months
        on cohorts.cohort_month <= months.month
),

cohort_months as (
    select
        cohort_month,
        month,
        count(*) as cohort_size,
        sum(orders) as orders,
        sum(revenue) as revenue
    from customer_months
    group by 1, 2
),

counted as (
    select
        grid.cohort_month,
        grid.month,
        grid.evaluation_date,
        cast(coalesce(cohort_months.cohort_size, 0) as bigint) as cohort_size,
        cast(coalesce(cohort_months.orders, 0) as bigint) as orders,
        cast(coalesce(cohort_months.revenue, 0) as decimal(38, 18))
            as revenue
    from grid
    left join cohort_months
        on
            grid.cohort_month = cohort_months.cohort_month
            and grid.month = cohort_months.month
),

cumulated as (
    select
        *,
        cast(
            sum(revenue) over (
                partition by cohort_month order by month
                rows between unbounded preceding and current row
            ) as decimal(38, 18)
        ) as cumulative_revenue
    from counted
),

measured as (
    select
        cohort_month,
        cast(
            {{ dbt.datediff('cohort_month', 'month', 'month') }}
            as integer
        ) as months_since_signup,
        cohort_size,
        orders,
        revenue,
        cumulative_revenue,
        case
            when cohort_size > 0
                then
                    cast(cumulative_revenue as {{ cx_platform.type_double() }})
                    / cohort_size
        end as cumulative_revenue_per_customer,
        evaluation_date
    from cumulated
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status(
        'measured', dbt.date_trunc('month', 'measured.evaluation_date')
    ) }}
)

select * from final
