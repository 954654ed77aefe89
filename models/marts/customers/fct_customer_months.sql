-- Grain: one row per canonical customer × month, from the customer's signup
-- month to as_of_date's month (a customer who signs up after as_of_date has
-- no row). The account-health fact: the customer's status at the month's
-- evaluation date min(last day, as_of_date), and what it bought and
-- experienced in the month (events by the UTC month of their timestamp;
-- events of months before the signup month are in no row).
--
-- The status comes from the churned stretches of
-- int_customer_churned_months (the months whose evaluation date falls in
-- a stretch of churn). A customer's months are cut into segments: each
-- stretch is a churned segment, the months before, between and after the
-- stretches are active segments. The rows are the segments' months (a join
-- with the month spine, a few hundred rows), so every row knows its status
-- without a join per customer month; the month's facts (orders, answers,
-- tickets), counted per customer and month in one grouped pass, meet the
-- rows in one join. A month's number (months_since_signup is its
-- difference with the cohort month's), as_of_date and is_complete_month
-- are computed once per month of the spine, not on each row (10% of the
-- model at a million customers). The counts are count()s, not sums of 0/1
-- flags: a sum of integers keeps a 128-bit state per group, which made the
-- grouped pass four times slower at a million customers. Segment and
-- country are dim_customers' (join on customer_key): at about ten rows per
-- customer, two more text columns would cost more to write than the rest.
with

-- the month spine with each month's number (its place in the spine) and
-- its status: as_of_date and is_complete_month (as_of_date is the month's
-- last day or later), as on every monthly mart; computed here once per
-- month rather than on every customer month
months as (
    select
        calendar.month,
        calendar.evaluation_date,
        row_number() over (order by calendar.month) as month_number,
        as_of_date.as_of_date,
        calendar.month_end_date <= as_of_date.as_of_date as is_complete_month
    from {{ ref('int_calendar_months') }} as calendar
    cross join {{ ref('int_as_of_date') }} as as_of_date
),

-- a customer who signs up after as_of_date's month has no cohort month in
-- the spine and no row
customers as (
    select
        dim_customers.customer_key,
        dim_customers.cohort_month,
        cast(dim_customers.signup_at as date) as signup_date,
        months.month_number as cohort_month_number
    from {{ ref('dim_customers') }} as dim_customers
    inner join months
        on dim_customers.cohort_month = months.month
),

as_of as (
    select
        cast({{ dbt.date_trunc('month', 'as_of_date') }} as date)
            as as_of_month
    from {{ ref('int_as_of_date') }}
),

-- each customer's churned stretches in order, with the end of the one
-- before (stretches never overlap)
stretches as (
    select
        churned.customer_key,
        customers.cohort_month,
        customers.cohort_month_number,
        customers.signup_date,
        churned.first_churned_month,
        churned.last_churned_month,
        lag(churned.last_churned_month) over (
            partition by churned.customer_key
            order by churned.first_churned_month
        ) as previous_last_month,
        lead(churned.first_churned_month) over (
            partition by churned.customer_key
            order by churned.first_churned_month
        ) as next_first_month
    from {{ ref('int_customer_churned_months') }} as churned
    inner join customers
        on churned.customer_key = customers.customer_key
    where churned.first_churned_month is not null
),

-- a segment: months from_month..to_month of one status; starts_churn (a
-- churned segment whose month before was active or before the signup) and
-- starts_reactivation (an active segment after a churned one) mark its
-- first month
segments as (
    -- each stretch
    select
        customer_key,
        cohort_month,
        cohort_month_number,
        signup_date,
        first_churned_month as from_month,
        last_churned_month as to_month,
        true as is_churned,
        coalesce(
            previous_last_month
            < cast(
                {{ dbt.dateadd('month', -1, 'first_churned_month') }} as date
            ),
            true
        ) as starts_churn,
        false as starts_reactivation
    from stretches

    union all

    -- the active months after each stretch, up to the next one or as_of
    select
        stretches.customer_key,
        stretches.cohort_month,
        stretches.cohort_month_number,
        stretches.signup_date,
        cast(
            {{ dbt.dateadd('month', 1, 'stretches.last_churned_month') }}
            as date
        ) as from_month,
        coalesce(
            cast(
                {{ dbt.dateadd('month', -1, 'stretches.next_first_month') }}
                as date
            ),
            as_of.as_of_month
        ) as to_month,
        false as is_churned,
        false as starts_churn,
        true as starts_reactivation
    from stretches
    cross join as_of

    union all

    -- the active months from the signup to the first stretch (or as_of)
    select
        customers.customer_key,
        customers.cohort_month,
        customers.cohort_month_number,
        customers.signup_date,
        customers.cohort_month as from_month,
        coalesce(
            cast(
                {{ dbt.dateadd('month', -1, 'stretches.first_churned_month') }}
                as date
            ),
            as_of.as_of_month
        ) as to_month,
        false as is_churned,
        false as starts_churn,
        false as starts_reactivation
    from customers
    cross join as_of
    left join stretches
        on
            customers.customer_key = stretches.customer_key
            and stretches.previous_last_month is null
),

-- every customer × month from the signup month to as_of_date's month, with
-- its status (an empty segment, from after to, has no month)
grid as (
    select
        segments.customer_key,
        months.month,
        segments.cohort_month,
        cast(months.month_number - segments.cohort_month_number as integer)
            as months_since_signup,
        months.evaluation_date,
        months.as_of_date,
        months.is_complete_month,
        segments.is_churned,
        segments.is_churned
        and segments.starts_churn
        and segments.from_month = months.month as churned_in_month,
        segments.starts_reactivation
        and segments.from_month = months.month as reactivated_in_month
    from segments
    inner join months
        on
            segments.from_month <= months.month
            and segments.to_month >= months.month
            and segments.signup_date <= months.evaluation_date
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
