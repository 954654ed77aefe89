-- One row per canonical customer and activity date: the spell of
-- int_customer_activity_spells with the months whose evaluation date
-- min(month end, as_of_date) falls in its churned stretch, in closed form,
-- so that the churn marts count stretches per month instead of expanding
-- customers × months. The first such month is the month of churned_from
-- (when on or before as_of_date); the last is as_of_date's month for a
-- stretch still open at as_of, else the month of churned_until when that is
-- a month's last day, else the month before. A stretch between two month
-- ends covers no month. A view: it depends on as_of_date, which moves every
-- day, while the spells do not.
with

spells as (
    select
        customer_key,
        signup_date,
        activity_date,
        next_activity_date,
        churned_from,
        churned_until
    from {{ ref('int_customer_activity_spells') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

month_bounds as (
    select
        spells.*,
        case
            when spells.churned_from <= as_of.as_of_date
                then cast(
                    {{ dbt.date_trunc('month', 'spells.churned_from') }} as date
                )
        end as first_candidate_month,
        case
            when spells.churned_from is null then null
            when
                spells.churned_until is null
                or spells.churned_until >= as_of.as_of_date
                then cast(
                    {{ dbt.date_trunc('month', 'as_of.as_of_date') }} as date
                )
            when
                spells.churned_until
                = {{ dbt.last_day('spells.churned_until', 'month') }}
                then cast(
                    {{ dbt.date_trunc('month', 'spells.churned_until') }}
                    as date
                )
            else cast(
                {{ dbt.dateadd(
                    'month', -1, dbt.date_trunc('month', 'spells.churned_until')
                ) }} as date
            )
        end as last_candidate_month
    from spells
    cross join as_of
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
