with

grid as (
    select
        month,
        touchpoint,
        channel
    from {{ ref('int_survey_month_grid') }}
    where metric = 'csat'
),

responses as (
    select
        response_month,
        touchpoint,
        channel,
        normalized_score_0_100,
        is_csat_satisfied
    from {{ ref('fct_survey_responses') }}
    where metric = 'csat'
),

counted as (
    select
        response_month as month,
        touchpoint,
        channel,
        count(*) as responses,
        count(case when is_csat_satisfied then 1 end) as satisfied,
        sum(normalized_score_0_100) as sum_normalized_score
    from responses
    group by 1, 2, 3
),

filled as (
    select
        grid.month,
        grid.touchpoint,
        grid.channel,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.satisfied, 0) as satisfied,
        coalesce(counted.sum_normalized_score, 0.0) as sum_normalized_score
    from grid
    left join counted
        on
            grid.month = counted.month
            and grid.touchpoint = counted.touchpoint
            and grid.channel = counted.channel
),

final as (
    select
        month,
        touchpoint,
        channel,
        cast(responses as bigint) as responses,
        cast(satisfied as bigint) as satisfied,
        cast(sum_normalized_score as {{ cx_type_double() }})
            as sum_normalized_score,
        {{ safe_pct('satisfied', 'responses') }} as csat_pct,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from filled
)

select * from final
