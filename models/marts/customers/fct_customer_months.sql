-- Grain: one row per canonical customer × month, from the customer's signup
-- month to as_of_date's month (a customer who signs up after as_of_date has
-- no row). The account-health fact: the customer's status at the month's
-- evaluation date min(last day, as_of_date), and what it bought and
-- experienced in the month (events by the UTC month of their timestamp;
-- events of months before the signup month are in no row). The status
-- comes from the churned stretches of int_customer_churned_months: a
-- customer is churned in a month when one of its stretches covers it, and
-- the month before is the previous month's status (a month before as_of's
-- is evaluated at its last day).
with

customers as (
    select
        customer_key,
        cohort_month,
        segment,
        country,
        cast(signup_at as date) as signup_date
    from {{ ref('dim_customers') }}
),

months as (
    select
        month,
        evaluation_date
    from {{ ref('int_calendar_months') }}
),

stretches as (
    select
        customer_key,
        first_churned_month,
        last_churned_month
    from {{ ref('int_customer_churned_months') }}
    where first_churned_month is not null
),

records as (
    select
        customer_id,
        customer_key
    from {{ ref('int_customers_resolved') }}
),

orders as (
    select
        records.customer_key,
        cast({{ dbt.date_trunc('month', 'orders.ordered_at') }} as date)
            as month,
        orders.amount
    from {{ ref('stg_crm__orders') }} as orders
    inner join records
        on orders.customer_id = records.customer_id
    where orders.status = 'completed'
),

responses as (
    select
        customer_key,
        response_month as month,
        metric,
        nps_category,
        is_csat_satisfied,
        is_low_effort
    from {{ ref('fct_survey_responses') }}
    where customer_key is not null
),

tickets as (
    select
        customer_key,
        created_month as month,
        first_response_sla,
        resolution_sla,
        has_been_reopened
    from {{ ref('fct_tickets') }}
    where customer_key is not null
),

-- every customer × month from the signup month to as_of_date's month
grid as (
    select
        customers.customer_key,
        months.month,
        customers.cohort_month,
        customers.segment,
        customers.country,
        months.evaluation_date
    from customers
    inner join months
        on
            customers.cohort_month <= months.month
            and customers.signup_date <= months.evaluation_date
),

-- the month's events, one grouped pass over one union (the counts of a
-- customer month are sums of 0/1 flags)
events as (
    select
        customer_key,
        month,
        1 as is_order,
        amount,
        0 as is_nps,
        0 as is_promoter,
        0 as is_detractor,
        0 as is_csat,
        0 as is_satisfied,
        0 as is_ces,
        0 as is_low_effort,
        0 as is_ticket,
        0 as is_first_response_breached,
        0 as is_resolution_breached,
        0 as is_reopened
    from orders

    union all

    select
        customer_key,
        month,
        0 as is_order,
        null as amount,
        case when metric = 'nps' then 1 else 0 end as is_nps,
        case when nps_category = 'promoter' then 1 else 0 end as is_promoter,
        case when nps_category = 'detractor' then 1 else 0 end
            as is_detractor,
        case when metric = 'csat' then 1 else 0 end as is_csat,
        case when is_csat_satisfied then 1 else 0 end as is_satisfied,
        case when metric = 'ces' then 1 else 0 end as is_ces,
        case when is_low_effort then 1 else 0 end as is_low_effort,
        0 as is_ticket,
        0 as is_first_response_breached,
        0 as is_resolution_breached,
        0 as is_reopened
    from responses

    union all

    select
        customer_key,
        month,
        0 as is_order,
        null as amount,
        0 as is_nps,
        0 as is_promoter,
        0 as is_detractor,
        0 as is_csat,
        0 as is_satisfied,
        0 as is_ces,
        0 as is_low_effort,
        1 as is_ticket,
        case when first_response_sla = 'breached' then 1 else 0 end
            as is_first_response_breached,
        case when resolution_sla = 'breached' then 1 else 0 end
            as is_resolution_breached,
        case when has_been_reopened then 1 else 0 end as is_reopened
    from tickets
),

monthly_events as (
    select
        customer_key,
        month,
        sum(is_order) as orders,
        sum(cast(amount as decimal(38, 18))) as revenue,
        sum(is_nps) as nps_responses,
        sum(is_promoter) as promoters,
        sum(is_detractor) as detractors,
        sum(is_csat) as csat_responses,
        sum(is_satisfied) as csat_satisfied,
        sum(is_ces) as ces_responses,
        sum(is_low_effort) as ces_low_effort,
        sum(is_ticket) as tickets_created,
        sum(is_first_response_breached) as first_response_sla_breached,
        sum(is_resolution_breached) as resolution_sla_breached,
        sum(is_reopened) as tickets_reopened
    from events
    group by 1, 2
),

-- churned at the month's evaluation date, and at the end of the month
-- before (stretches never overlap, so each join finds at most one)
statuses as (
    select
        grid.*,
        churned_now.customer_key is not null as is_churned,
        churned_before.customer_key is not null as was_churned
    from grid
    left join stretches as churned_now
        on
            grid.customer_key = churned_now.customer_key
            and grid.month >= churned_now.first_churned_month
            and grid.month <= churned_now.last_churned_month
    left join stretches as churned_before
        on
            grid.customer_key = churned_before.customer_key
            and grid.month > churned_before.first_churned_month
            and grid.month <= {{ dbt.dateadd(
                'month', 1, 'churned_before.last_churned_month'
            ) }}
),

measured as (
    select
        statuses.customer_key,
        statuses.month,
        statuses.cohort_month,
        cast(
            {{ dbt.datediff(
                'statuses.cohort_month', 'statuses.month', 'month'
            ) }} as integer
        ) as months_since_signup,
        statuses.segment,
        statuses.country,
        statuses.evaluation_date,
        not statuses.is_churned as is_active,
        statuses.is_churned and not statuses.was_churned as churned_in_month,
        statuses.was_churned and not statuses.is_churned
            as reactivated_in_month,
        cast(coalesce(monthly_events.orders, 0) as bigint) as orders,
        cast(coalesce(monthly_events.revenue, 0) as decimal(38, 18))
            as revenue,
        cast(coalesce(monthly_events.nps_responses, 0) as bigint)
            as nps_responses,
        cast(coalesce(monthly_events.promoters, 0) as bigint) as promoters,
        cast(coalesce(monthly_events.detractors, 0) as bigint) as detractors,
        cast(coalesce(monthly_events.csat_responses, 0) as bigint)
            as csat_responses,
        cast(coalesce(monthly_events.csat_satisfied, 0) as bigint)
            as csat_satisfied,
        cast(coalesce(monthly_events.ces_responses, 0) as bigint)
            as ces_responses,
        cast(coalesce(monthly_events.ces_low_effort, 0) as bigint)
            as ces_low_effort,
        cast(coalesce(monthly_events.tickets_created, 0) as bigint)
            as tickets_created,
        cast(
            coalesce(monthly_events.first_response_sla_breached, 0) as bigint
        ) as first_response_sla_breached,
        cast(coalesce(monthly_events.resolution_sla_breached, 0) as bigint)
            as resolution_sla_breached,
        cast(coalesce(monthly_events.tickets_reopened, 0) as bigint)
            as tickets_reopened
    from statuses
    left join monthly_events
        on
            statuses.customer_key = monthly_events.customer_key
            and statuses.month = monthly_events.month
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
