-- One row per canonical customer and month, from the signup month to
-- as_of_date's month: the customer's state at the month's evaluation date
-- min(last day of the month, as_of_date). Churned when the evaluation date
-- is more than var inactivity_days after the last activity date on or before
-- it; an order after a churn makes the customer active again. Cost: one row
-- per customer and month (never per day), with a range join on activity
-- spells.
with

activity as (
    select
        customer_key,
        activity_date
    from {{ ref('int_customer_activity_dates') }}
),

-- months end at as_of_date's month, evaluated at min(month end, as_of)
months as (
    select
        month,
        evaluation_date
    from {{ ref('int_calendar_months') }}
),

-- each activity date starts a spell that lasts until the next one
spells as (
    select
        customer_key,
        activity_date,
        lead(activity_date) over (
            partition by customer_key order by activity_date
        ) as next_activity_date
    from activity
),

signups as (
    select
        customer_key,
        min(activity_date) as signup_date
    from activity
    group by 1
),

evaluations as (
    select
        signups.customer_key,
        signups.signup_date,
        months.month,
        months.evaluation_date
    from signups
    inner join months
        on
            cast(
                {{ dbt.date_trunc('month', 'signups.signup_date') }} as date
            ) <= months.month
),

states as (
    select
        evaluations.customer_key,
        evaluations.month,
        evaluations.signup_date,
        spells.activity_date as last_activity_date,
        {{ dbt.datediff(
            'spells.activity_date', 'evaluations.evaluation_date', 'day'
        ) }} as days_inactive,
        evaluations.evaluation_date
    from evaluations
    inner join spells
        on
            evaluations.customer_key = spells.customer_key
            and evaluations.evaluation_date >= spells.activity_date
            and (
                spells.next_activity_date is null
                or evaluations.evaluation_date < spells.next_activity_date
            )
),

final as (
    select
        customer_key,
        month,
        cast(days_inactive as integer) as days_inactive,
        days_inactive > {{ var('inactivity_days') }} as is_churned,
        signup_date,
        last_activity_date,
        evaluation_date
    from states
)

select * from final
