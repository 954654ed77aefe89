{{ config(materialized="table") }}

-- One row per calendar month from the first month of any kept timestamp
-- (signups included) to the month of as_of_date: the spine of the monthly
-- marts, so that a month without events is a row with zero counts. Built
-- from a fixed series of 1,200 month offsets (100 years) so that it compiles
-- without querying the warehouse.
with

firsts as (
    select min(signup_at) as first_at from {{ ref('stg_crm__customers') }}
    union all
    select min(ordered_at) as first_at from {{ ref('stg_crm__orders') }}
    union all
    select min(sent_at) as first_at from {{ ref('stg_surveys__invitations') }}
    union all
    select min(responded_at) as first_at
    from {{ ref('stg_surveys__responses') }}
    union all
    select min(created_at) as first_at from {{ ref('stg_helpdesk__tickets') }}
),

bounds as (
    select
        cast({{ dbt.date_trunc('month', 'min(firsts.first_at)') }} as date)
            as first_month,
        cast({{ dbt.date_trunc('month', 'max(as_of.as_of_date)') }} as date)
            as last_month,
        max(as_of.as_of_date) as as_of_date
    from firsts
    cross join {{ ref('int_as_of_date') }} as as_of
),

offsets as (
    {{ dbt.generate_series(1200) }}
),

months as (
    select
        cast(
            {{ dbt.dateadd(
                'month', 'offsets.generated_number - 1', 'bounds.first_month'
            ) }}
            as date
        ) as month,
        bounds.last_month,
        bounds.as_of_date
    from bounds
    cross join offsets
),

month_ends as (
    select
        month,
        as_of_date,
        cast(
            {{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'month')) }}
            as date
        ) as month_end_date
    from months
    where month <= last_month
),

-- A month is evaluated at min(its last day, as_of_date) (docs/metrics.md:
-- churn)
final as (
    select
        month,
        month_end_date,
        case
            when month_end_date < as_of_date then month_end_date
            else as_of_date
        end as evaluation_date
    from month_ends
)

select * from final
