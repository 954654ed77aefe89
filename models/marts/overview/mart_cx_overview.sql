with

months as (
    select month from {{ ref('int_calendar_months') }}
),

nps as (
    select
        month,
        sum(responses) as nps_responses,
        sum(promoters) as promoters,
        sum(passives) as passives,
        sum(detractors) as detractors
    from {{ ref('mart_nps_monthly') }}
    group by 1
),

csat as (
    select
        month,
        sum(responses) as csat_responses,
        sum(satisfied) as csat_satisfied
    from {{ ref('mart_csat_monthly') }}
    group by 1
),

ces as (
    select
        month,
        sum(responses) as ces_responses,
        sum(low_effort) as ces_low_effort,
        {{ exact_sum('sum_ease') }} as ces_sum_ease
    from {{ ref('mart_ces_monthly') }}
    group by 1
),

response_rates as (
    select
        month,
        sum(invitations) as invitations,
        sum(responded) as responded
    from {{ ref('mart_survey_response_rates') }}
    group by 1
),

-- counts re-added from the support mart's additive columns
support as (
    select
        month,
        sum(tickets_created) as tickets_created,
        sum(tickets_resolved) as tickets_resolved,
        sum(one_touch_resolved) as one_touch_resolved,
        sum(first_response_sla_met) as first_response_sla_met,
        sum(first_response_sla_breached) as first_response_sla_breached,
        sum(resolution_sla_met) as resolution_sla_met,
        sum(resolution_sla_breached) as resolution_sla_breached
    from {{ ref('mart_support_monthly') }}
    group by 1
),

-- medians do not re-aggregate: they come from the tickets themselves
support_medians as (
    {{ percentiles_by_rank(
        ref('fct_tickets'),
        ['created_month'],
        [
            'first_response_business_minutes',
            'full_resolution_business_minutes',
        ],
        [('median', 0.5)],
    ) | indent(4) }}
),

churn as (
    select
        month,
        customers_at_start,
        churned
    from {{ ref('mart_churn_monthly') }}
),

joined as (
    select
        months.month,
        coalesce(nps.nps_responses, 0) as nps_responses,
        coalesce(nps.promoters, 0) as promoters,
        coalesce(nps.passives, 0) as passives,
        coalesce(nps.detractors, 0) as detractors,
        coalesce(csat.csat_responses, 0) as csat_responses,
        coalesce(csat.csat_satisfied, 0) as csat_satisfied,
        coalesce(ces.ces_responses, 0) as ces_responses,
        coalesce(ces.ces_low_effort, 0) as ces_low_effort,
        coalesce(ces.ces_sum_ease, 0.0) as ces_sum_ease,
        coalesce(response_rates.invitations, 0) as invitations,
        coalesce(response_rates.responded, 0) as responded,
        coalesce(support.tickets_created, 0) as tickets_created,
        coalesce(support.tickets_resolved, 0) as tickets_resolved,
        coalesce(support.one_touch_resolved, 0) as one_touch_resolved,
        support_medians.median_first_response_business_minutes,
        support_medians.median_full_resolution_business_minutes,
        coalesce(support.first_response_sla_met, 0) as first_response_sla_met,
        coalesce(support.first_response_sla_breached, 0)
            as first_response_sla_breached,
        coalesce(support.resolution_sla_met, 0) as resolution_sla_met,
        coalesce(support.resolution_sla_breached, 0)
            as resolution_sla_breached,
        coalesce(churn.customers_at_start, 0) as customers_at_start,
        coalesce(churn.churned, 0) as churned
    from months
    left join nps
        on months.month = nps.month
    left join csat
        on months.month = csat.month
    left join ces
        on months.month = ces.month
    left join response_rates
        on months.month = response_rates.month
    left join support
        on months.month = support.month
    left join support_medians
        on months.month = support_medians.created_month
    left join churn
        on months.month = churn.month
),

with_previous as (
    select
        *,
        lag(promoters) over (order by month) as previous_promoters,
        lag(detractors) over (order by month) as previous_detractors,
        lag(nps_responses) over (order by month) as previous_nps_responses,
        {{ nps_score('promoters', 'detractors', 'nps_responses') }} as nps,
        {{ nps_margin('promoters', 'detractors', 'nps_responses') }}
            as nps_moe_95
    from joined
),

scored as (
    select
        *,
        {{ nps_score(
            'previous_promoters', 'previous_detractors', 'previous_nps_responses'
        ) }} as previous_nps,
        {{ nps_margin(
            'promoters', 'detractors', 'nps_responses', previous=[
                'previous_promoters', 'previous_detractors',
                'previous_nps_responses',
            ]
        ) }} as nps_change_moe_95
    from with_previous
),


measured as (
    select
        month,
        {{ nps_band('nps') }} as nps_band,
        cast(nps_responses as bigint) as nps_responses,
        cast(promoters as bigint) as promoters,
        cast(passives as bigint) as passives,
        cast(detractors as bigint) as detractors,
        nps,
        nps_moe_95,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'low') }} as nps_ci_low,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'high') }} as nps_ci_high,
        previous_nps,
        nps - previous_nps as nps_change,
        nps_change_moe_95,
        cast(csat_responses as bigint) as csat_responses,
        cast(csat_satisfied as bigint) as csat_satisfied,
        {{ safe_pct('csat_satisfied', 'csat_responses') }} as csat_pct,
        cast(ces_responses as bigint) as ces_responses,
        cast(ces_low_effort as bigint) as ces_low_effort,
        cast(ces_sum_ease as {{ cx_platform.type_double() }}) as ces_sum_ease,
        {{ safe_mean('ces_sum_ease', 'ces_responses') }} as ces_ease_index,
        {{ safe_pct('ces_low_effort', 'ces_responses') }} as ces_low_effort_pct,
        cast(invitations as bigint) as invitations,
        cast(responded as bigint) as responded,
        {{ safe_pct('responded', 'invitations') }} as response_rate_pct,
        cast(tickets_created as bigint) as tickets_created,
        cast(tickets_resolved as bigint) as tickets_resolved,
        cast(one_touch_resolved as bigint) as one_touch_resolved,
        {{ safe_pct('one_touch_resolved', 'tickets_resolved') }} as fcr_pct,
        cast(
            median_first_response_business_minutes
            as {{ cx_platform.type_double() }}
        ) as median_first_response_business_minutes,
        cast(
            median_full_resolution_business_minutes
            as {{ cx_platform.type_double() }}
        ) as median_full_resolution_business_minutes,
        cast(first_response_sla_met as bigint) as first_response_sla_met,
        cast(first_response_sla_breached as bigint)
            as first_response_sla_breached,
        {{ safe_pct(
            'first_response_sla_met',
            '(first_response_sla_met + first_response_sla_breached)'
        ) }} as first_response_sla_attainment_pct,
        cast(resolution_sla_met as bigint) as resolution_sla_met,
        cast(resolution_sla_breached as bigint) as resolution_sla_breached,
        {{ safe_pct(
            'resolution_sla_met', '(resolution_sla_met + resolution_sla_breached)'
        ) }} as resolution_sla_attainment_pct,
        cast(customers_at_start as bigint) as customers_at_start,
        cast(churned as bigint) as churned,
        {{ safe_pct('churned', 'customers_at_start') }} as churn_rate_pct,
        nps_responses < {{ var('low_sample_threshold') }} as is_nps_low_sample,
        coalesce(
            abs(nps - previous_nps) > nps_change_moe_95, false
        ) as is_nps_change_significant
    from scored
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
