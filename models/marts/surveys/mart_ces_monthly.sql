with

grid as (
    select
        month,
        touchpoint,
        channel
    from {{ ref('int_survey_month_grid') }}
    where metric = 'ces'
),

responses as (
    select
        response_month,
        touchpoint,
        channel,
        ease_0_100,
        is_low_effort
    from {{ ref('fct_survey_responses') }}
    where metric = 'ces'
),

counted as (
    select
        response_month as month,
        touchpoint,
        channel,
        count(*) as responses,
        count(case when is_low_effort then 1 end) as low_effort,
        sum(ease_0_100) as sum_ease
    from responses
    group by 1, 2, 3
),

filled as (
    select
        grid.month,
        grid.touchpoint,
        grid.channel,
        coalesce(counted.responses, 0) as responses,
        coalesce(counted.low_effort, 0) as low_effort,
        coalesce(counted.sum_ease, 0.0) as sum_ease
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
        cast(low_effort as bigint) as low_effort,
        cast(sum_ease as {{ cx_type_double() }}) as sum_ease,
        {{ safe_pct('low_effort', 'responses') }} as low_effort_pct,
        {{ safe_mean('sum_ease', 'responses') }} as ease_index,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from filled
)

select * from final
