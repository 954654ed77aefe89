{{ config(**cx_platform.incremental_config(unique_key='customer_key')) }}

{%- set inactivity_days = var('inactivity_days') | int %}
-- One row per canonical customer and activity date (docs/metrics.md: churn):
-- the spell from that activity to the next, and the part of it in which the
-- customer is churned. A customer is churned at date D when D is more than var
-- inactivity_days after the last activity on or before D, so after an activity
-- on day a the customer is churned from a + inactivity_days + 1 until the day
-- before the next activity (or for good). Independent of as_of_date
-- (int_customer_churned_months adds the months each stretch covers), so an
-- incremental run recomputes only the customers with a changed order or a
-- changed customer record (both the old and the new customer_key of a record
-- that moved to another person).

with

activity as (
    select
        customer_key,
        activity_date,
        signup_date
    from {{ ref('int_customer_activity_dates') }}
    {% if is_incremental() -%}
    where {{ cx_platform.keys_in(
        'customer_key', affected_keys__int_customer_activity_spells()
    ) }}
    {%- endif %}
),

spells as (
    select
        customer_key,
        activity_date,
        lead(activity_date) over (
            partition by customer_key order by activity_date
        ) as next_activity_date,
        signup_date
    from activity
),

bounded as (
    select
        *,
        cast(
            {{ dbt.dateadd('day', inactivity_days + 1, 'activity_date') }}
            as date
        ) as churn_start_date,
        cast({{ dbt.dateadd('day', -1, 'next_activity_date') }} as date)
            as churn_end_date
    from spells
),

final as (
    select
        customer_key,
        signup_date,
        activity_date,
        next_activity_date,
        -- a spell before the signup (from a guest checkout) ends at the
        -- signup at the latest: nobody is churned before signing up
        case
            when activity_date < signup_date then null
            when
                next_activity_date is null
                or churn_start_date <= churn_end_date
                then churn_start_date
        end as churned_from,
        case
            when activity_date < signup_date then null
            when
                next_activity_date is not null
                and churn_start_date <= churn_end_date
                then churn_end_date
        end as churned_until,
        {{ cx_platform.current_batch() }} as cx_batch
    from bounded
)

select * from final
