with

grid as (
    select
        month,
        touchpoint,
        channel
    from {{ ref('int_survey_month_grid') }}
    where metric = 'nps'
),

responses as (
    select
        response_month,
        touchpoint,
        channel,
        nps_category
    from {{ ref('fct_survey_responses') }}
    where metric = 'nps'
),

counted as (
    select
        response_month as month,
        touchpoint,
        channel,
        count(*) as responses,
        count(case when nps_category = 'promoter' then 1 end) as promoters,
        count(case when nps_category = 'passive' then 1 end) as passives,
        count(case when nps_category = 'detractor' then 1 end) as detractors
    from responses
    group by 1, 2, 3
),

filled as (
    select
        grid.month,
        grid.touchpoint,
        grid.channel,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.promoters, 0) as promoters,
        coalesce(counted.passives, 0) as passives,
        coalesce(counted.detractors, 0) as detractors
    from grid
    left join counted
        on
            grid.month = counted.month
            and grid.touchpoint = counted.touchpoint
            and grid.channel = counted.channel
),

scored as (
    select
        *,
        {{ nps_score('promoters', 'detractors', 'responses') }} as nps,
        {{ nps_margin_of_error('promoters', 'detractors', 'responses') }}
            as nps_moe_95
    from filled
),

final as (
    select
        month,
        touchpoint,
        channel,
        {{ nps_band('nps') }} as nps_band,
        cast(responses as bigint) as responses,
        cast(promoters as bigint) as promoters,
        cast(passives as bigint) as passives,
        cast(detractors as bigint) as detractors,
        nps,
        nps_moe_95,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'low') }} as nps_ci_low,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'high') }} as nps_ci_high,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from scored
)

select * from final
