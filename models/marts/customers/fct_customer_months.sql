-- Grain: one row per canonical customer × month, from the customer's signup
-- month to as_of_date's month (a customer who signs up after as_of_date has
-- no row). The account-health fact: the customer's status at the month's
-- evaluation date min(last day, as_of_date) (int_customer_month_status),
-- and what it bought and experienced in the month (events by the UTC month
-- of their timestamp; events of months before the signup month are in no
-- row).
--
-- The month's facts (orders, answers, tickets), counted per customer and
-- month in one grouped pass, meet the rows in one join. The counts are
-- count()s, not sums of 0/1 flags: a sum of integers keeps a 128-bit state
-- per group, which made the grouped pass four times slower at a million
-- customers. Segment and country are dim_customers' (join on
-- customer_key): at about ten rows per customer, two more text columns
-- would cost more to write than the rest.
with

grid as (
    select
        customer_key,
        month,
        cohort_month,
        months_since_signup,
        evaluation_date,
        as_of_date,
        is_complete_month,
        is_churned,
        churned_in_month,
        reactivated_in_month
    from {{ ref('int_customer_month_status') }}
),

records as (
    select
        customer_id,
        customer_key
    from {{ ref('int_customers_resolved') }}
),

-- one row per fact: a completed order, a kept answer, a ticket
facts as (
    select
        records.customer_key,
        cast({{ dbt.date_trunc('month', 'orders.ordered_at') }} as date)
            as month,
        'order' as fact,
        orders.amount,
        cast(null as {{ dbt.type_string() }}) as metric,
        cast(null as {{ dbt.type_string() }}) as nps_category,
        false as is_csat_satisfied,
        false as is_low_effort,
        cast(null as {{ dbt.type_string() }}) as first_response_sla,
        cast(null as {{ dbt.type_string() }}) as resolution_sla,
        false as has_been_reopened
    from {{ ref('stg_crm__orders') }} as orders
    inner join records
        on orders.customer_id = records.customer_id
    where orders.status = 'completed'

    union all

    select
        customer_key,
        response_month as month,
        'response' as fact,
        null as amount,
        metric,
        nps_category,
        coalesce(is_csat_satisfied, false) as is_csat_satisfied,
        coalesce(is_low_effort, false) as is_low_effort,
        null as first_response_sla,
        null as resolution_sla,
        false as has_been_reopened
    from {{ ref('fct_survey_responses') }}
    where customer_key is not null

    union all

    select
        customer_key,
        created_month as month,
        'ticket' as fact,
        null as amount,
        null as metric,
        null as nps_category,
        false as is_csat_satisfied,
        false as is_low_effort,
        first_response_sla,
        resolution_sla,
        has_been_reopened
    from {{ ref('fct_tickets') }}
    where customer_key is not null
),

monthly_facts as (
    select
        customer_key,
        month,
        count(case when fact = 'order' then 1 end) as orders,
        sum(amount) as revenue,
        count(case when metric = 'nps' then 1 end) as nps_responses,
        count(case when nps_category = 'promoter' then 1 end) as promoters,
        count(case when nps_category = 'detractor' then 1 end) as detractors,
        count(case when metric = 'csat' then 1 end) as csat_responses,
        count(case when is_csat_satisfied then 1 end) as csat_satisfied,
        count(case when metric = 'ces' then 1 end) as ces_responses,
        count(case when is_low_effort then 1 end) as ces_low_effort,
        count(case when fact = 'ticket' then 1 end) as tickets_created,
        count(case when first_response_sla = 'breached' then 1 end)
            as first_response_sla_breached,
        count(case when resolution_sla = 'breached' then 1 end)
            as resolution_sla_breached,
        count(case when has_been_reopened then 1 end) as tickets_reopened
    from facts
    group by 1, 2
),

measured as (
    select
        grid.customer_key,
        grid.month,
        grid.cohort_month,
        grid.months_since_signup,
        grid.evaluation_date,
        not grid.is_churned as is_active,
        grid.churned_in_month,
        grid.reactivated_in_month,
        cast(coalesce(monthly_facts.orders, 0) as bigint) as orders,
        cast(coalesce(monthly_facts.revenue, 0) as decimal(38, 18))
            as revenue,
        cast(coalesce(monthly_facts.nps_responses, 0) as bigint)
            as nps_responses,
        cast(coalesce(monthly_facts.promoters, 0) as bigint) as promoters,
        cast(coalesce(monthly_facts.detractors, 0) as bigint) as detractors,
        cast(coalesce(monthly_facts.csat_responses, 0) as bigint)
            as csat_responses,
        cast(coalesce(monthly_facts.csat_satisfied, 0) as bigint)
            as csat_satisfied,
        cast(coalesce(monthly_facts.ces_responses, 0) as bigint)
            as ces_responses,
        cast(coalesce(monthly_facts.ces_low_effort, 0) as bigint)
            as ces_low_effort,
        cast(coalesce(monthly_facts.tickets_created, 0) as bigint)
            as tickets_created,
        cast(
            coalesce(monthly_facts.first_response_sla_breached, 0) as bigint
        ) as first_response_sla_breached,
        cast(coalesce(monthly_facts.resolution_sla_breached, 0) as bigint)
            as resolution_sla_breached,
        cast(coalesce(monthly_facts.tickets_reopened, 0) as bigint)
            as tickets_reopened,
        grid.as_of_date,
        grid.is_complete_month
    from grid
    left join monthly_facts
        on
            grid.customer_key = monthly_facts.customer_key
            and grid.month = monthly_facts.month
),

final as (
    select * from measured
)

select * from final
