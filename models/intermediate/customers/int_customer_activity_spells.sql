{{ config(materialized="table") }}

{%- set inactivity_days = var('inactivity_days') | int %}
-- One row per canonical customer and activity date (SPEC §2 churn): the
-- spell from that activity to the next, and the part of it in which the
-- customer is churned. A customer is churned at date D when D is more than
-- var inactivity_days after the last activity on or before D, so after an
-- activity on day a the customer is churned from a + inactivity_days + 1
-- until the day before the next activity (or for good). Each churned
-- stretch also names the months whose evaluation date min(month end,
-- as_of_date) falls inside it, in closed form, so that the churn marts
-- count stretches per month instead of expanding customers × months.
with

activity as (
    select
        customer_key,
        activity_date
    from {{ ref('int_customer_activity_dates') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

spells as (
    select
        customer_key,
        activity_date,
        lead(activity_date) over (
            partition by customer_key order by activity_date
        ) as next_activity_date,
        min(activity_date) over (partition by customer_key) as signup_date
    from activity
),

bounded as (
    select
        spells.*,
        as_of.as_of_date,
        cast(
            {{ dbt.dateadd('day', inactivity_days + 1, 'spells.activity_date') }}
            as date
        ) as churn_start_date,
        cast(
            {{ dbt.dateadd('day', -1, 'spells.next_activity_date') }} as date
        ) as churn_end_date
    from spells
    cross join as_of
),

churned as (
    select
        *,
        case
            when
                next_activity_date is null
                or churn_start_date <= churn_end_date
                then churn_start_date
        end as churned_from,
        case
            when
                next_activity_date is not null
                and churn_start_date <= churn_end_date
                then churn_end_date
        end as churned_until
    from bounded
),

-- the first month whose evaluation date is on or after churned_from, and
-- the last whose evaluation date is on or before churned_until; the months
-- between them (when any) are exactly those evaluated inside the stretch
month_bounds as (
    select
        *,
        case
            when churned_from <= as_of_date
                then cast({{ dbt.date_trunc('month', 'churned_from') }} as date)
        end as first_candidate_month,
        case
            when churned_from is null then null
            when churned_until is null or churned_until >= as_of_date
                then cast({{ dbt.date_trunc('month', 'as_of_date') }} as date)
            when churned_until = {{ dbt.last_day('churned_until', 'month') }}
                then cast({{ dbt.date_trunc('month', 'churned_until') }} as date)
            else cast(
                {{ dbt.dateadd(
                    'month', -1, dbt.date_trunc('month', 'churned_until')
                ) }} as date
            )
        end as last_candidate_month
    from churned
),

final as (
    select
        customer_key,
        signup_date,
        activity_date,
        next_activity_date,
        churned_from,
        churned_until,
        case
            when first_candidate_month <= last_candidate_month
                then first_candidate_month
        end as first_churned_month,
        case
            when first_candidate_month <= last_candidate_month
                then last_candidate_month
        end as last_churned_month
    from month_bounds
)

select * from final
