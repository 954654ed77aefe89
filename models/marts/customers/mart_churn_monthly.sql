with

states as (
    select
        customer_key,
        month,
        is_churned,
        signup_date
    from {{ ref('int_customer_monthly_states') }}
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

first_signup as (
    select
        cast({{ dbt.date_trunc('month', 'min(signup_date)') }} as date)
            as first_month
    from states
),

-- each customer's state at the end of the previous month beside its state
-- at this month's evaluation date
paired as (
    select
        current_state.month,
        current_state.customer_key,
        previous_state.is_churned as was_churned,
        current_state.is_churned,
        previous_state.customer_key is not null as was_counted,
        cast(
            {{ dbt.date_trunc('month', 'current_state.signup_date') }} as date
        ) = current_state.month as is_new
    from states as current_state
    left join states as previous_state
        on
            current_state.customer_key = previous_state.customer_key
            and previous_state.month
            = cast(
                {{ dbt.dateadd('month', -1, 'current_state.month') }} as date
            )
),

counted as (
    select
        month,
        count(case when was_counted and not was_churned then 1 end)
            as customers_at_start,
        count(
            case when was_counted and not was_churned and is_churned then 1 end
        ) as churned,
        count(case when is_new then 1 end) as new_customers,
        count(case when was_churned and not is_churned then 1 end)
            as reactivated,
        count(case when not is_churned then 1 end) as active_at_evaluation
    from paired
    group by 1
),

final as (
    select
        months.month,
        cast(coalesce(counted.customers_at_start, 0) as bigint)
            as customers_at_start,
        cast(coalesce(counted.churned, 0) as bigint) as churned,
        {{ safe_pct('counted.churned', 'counted.customers_at_start') }}
            as churn_rate_pct,
        cast(coalesce(counted.new_customers, 0) as bigint) as new_customers,
        cast(coalesce(counted.reactivated, 0) as bigint) as reactivated,
        cast(coalesce(counted.active_at_evaluation, 0) as bigint)
            as active_at_evaluation
    from months
    cross join first_signup
    left join counted
        on months.month = counted.month
    where months.month >= first_signup.first_month
)

select * from final
