with

grid as (
    select distinct
        month,
        touchpoint
    from {{ ref('int_survey_month_grid') }}
),

responses as (
    select
        response_month,
        touchpoint,
        metric,
        nps_category,
        normalized_score_0_100,
        is_csat_satisfied,
        is_low_effort,
        ease_0_100
    from {{ ref('fct_survey_responses') }}
),

counted as (
    select
        response_month as month,
        touchpoint,
        count(*) as responses,
        sum(normalized_score_0_100) as sum_normalized_score,
        count(case when metric = 'nps' then 1 end) as nps_responses,
        count(case when nps_category = 'promoter' then 1 end) as promoters,
        count(case when nps_category = 'passive' then 1 end) as passives,
        count(case when nps_category = 'detractor' then 1 end) as detractors,
        count(case when metric = 'csat' then 1 end) as csat_responses,
        count(case when is_csat_satisfied then 1 end) as csat_satisfied,
        count(case when metric = 'ces' then 1 end) as ces_responses,
        count(case when is_low_effort then 1 end) as ces_low_effort,
        sum(ease_0_100) as ces_sum_ease
    from responses
    group by 1, 2
),

filled as (
    select
        grid.month,
        grid.touchpoint,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.sum_normalized_score, 0.0) as sum_normalized_score,
        coalesce(counted.nps_responses, 0) as nps_responses,
        coalesce(counted.promoters, 0) as promoters,
        coalesce(counted.passives, 0) as passives,
        coalesce(counted.detractors, 0) as detractors,
        coalesce(counted.csat_responses, 0) as csat_responses,
        coalesce(counted.csat_satisfied, 0) as csat_satisfied,
        coalesce(counted.ces_responses, 0) as ces_responses,
        coalesce(counted.ces_low_effort, 0) as ces_low_effort,
        coalesce(counted.ces_sum_ease, 0.0) as ces_sum_ease
    from grid
    left join counted
        on
            grid.month = counted.month
            and grid.touchpoint = counted.touchpoint
),

scored as (
    select
        *,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score
    from filled
),

final as (
    select
        month,
        touchpoint,
        cast(responses as bigint) as responses,
        cast(sum_normalized_score as {{ cx_type_double() }})
            as sum_normalized_score,
        mean_normalized_score,
        cast(nps_responses as bigint) as nps_responses,
        cast(promoters as bigint) as promoters,
        cast(passives as bigint) as passives,
        cast(detractors as bigint) as detractors,
        {{ nps_score('promoters', 'detractors', 'nps_responses') }} as nps,
        cast(csat_responses as bigint) as csat_responses,
        cast(csat_satisfied as bigint) as csat_satisfied,
        {{ safe_pct('csat_satisfied', 'csat_responses') }} as csat_pct,
        cast(ces_responses as bigint) as ces_responses,
        cast(ces_low_effort as bigint) as ces_low_effort,
        cast(ces_sum_ease as {{ cx_type_double() }}) as ces_sum_ease,
        {{ safe_pct('ces_low_effort', 'ces_responses') }} as ces_low_effort_pct,
        {{ safe_mean('ces_sum_ease', 'ces_responses') }} as ces_ease_index,
        coalesce(
            mean_normalized_score
            < {{ var('touchpoint_attention_threshold') }},
            false
        ) as needs_attention
    from scored
)

select * from final
