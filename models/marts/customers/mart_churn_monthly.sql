-- Counted from the churned stretches of int_customer_activity_spells, never
-- by expanding customers × months: a customer is counted from the month of
-- its first activity (when on or before as_of_date); a stretch churns the
-- customer in its first churned month and reactivates it in the month after
-- its last; the customers churned at a month's evaluation date are the
-- stretches started minus the stretches ended so far. A stretch starts at
-- least inactivity_days + 1 after an activity, so the customer it churns
-- was counted and active at the end of the previous month.
with

months as (
    select month from {{ ref('int_calendar_months') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

spells as (
    select
        signup_date,
        activity_date,
        first_churned_month,
        last_churned_month
    from {{ ref('int_customer_churned_months') }}
),

signups as (
    select
        cast({{ dbt.date_trunc('month', 'spells.signup_date') }} as date)
            as month,
        count(*) as new_customers
    from spells
    cross join as_of
    where
        spells.activity_date = spells.signup_date
        and spells.signup_date <= as_of.as_of_date
    group by 1
),

first_signup as (
    select
        cast({{ dbt.date_trunc('month', 'min(signup_date)') }} as date)
            as first_month
    from spells
),

churn_starts as (
    select
        first_churned_month as month,
        count(*) as churned
    from spells
    where first_churned_month is not null
    group by 1
),

churn_ends as (
    select
        cast({{ dbt.dateadd('month', 1, 'last_churned_month') }} as date)
            as month,
        count(*) as reactivated
    from spells
    where last_churned_month is not null
    group by 1
),

counted as (
    select
        months.month,
        coalesce(signups.new_customers, 0) as new_customers,
        coalesce(churn_starts.churned, 0) as churned,
        coalesce(churn_ends.reactivated, 0) as reactivated
    from months
    left join signups
        on months.month = signups.month
    left join churn_starts
        on months.month = churn_starts.month
    left join churn_ends
        on months.month = churn_ends.month
),

running as (
    select
        *,
        sum(new_customers) over (
            order by month rows between unbounded preceding and current row
        ) as customers_counted,
        sum(churned - reactivated) over (
            order by month rows between unbounded preceding and current row
        ) as churned_at_evaluation
    from counted
),

with_start as (
    select
        *,
        coalesce(
            lag(customers_counted - churned_at_evaluation) over (
                order by month
            ),
            0
        ) as customers_at_start
    from running
),

measured as (
    select
        with_start.month,
        cast(with_start.customers_at_start as bigint) as customers_at_start,
        cast(with_start.churned as bigint) as churned,
        {{ safe_pct('with_start.churned', 'with_start.customers_at_start') }}
            as churn_rate_pct,
        cast(with_start.new_customers as bigint) as new_customers,
        cast(with_start.reactivated as bigint) as reactivated,
        cast(
            with_start.customers_counted - with_start.churned_at_evaluation
            as bigint
        ) as active_at_evaluation
    from with_start
    cross join first_signup
    where with_start.month >= first_signup.first_month
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
