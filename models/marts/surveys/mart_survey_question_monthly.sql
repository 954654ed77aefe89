with

responses as (
    select
        response_month,
        question_id,
        metric,
        scale_min,
        scale_max,
        is_higher_better,
        score,
        normalized_score_0_100
    from {{ ref('fct_survey_responses') }}
),

counted as (
    select
        response_month as month,
        question_id,
        metric,
        scale_min,
        scale_max,
        is_higher_better,
        count(*) as responses,
        sum(score) as sum_score,
        {{ exact_sum('normalized_score_0_100') }} as sum_normalized_score
    from responses
    group by 1, 2, 3, 4, 5, 6
),


measured as (
    select
        month,
        question_id,
        metric,
        cast(scale_min as integer) as scale_min,
        cast(scale_max as integer) as scale_max,
        cast(responses as bigint) as responses,
        cast(sum_score as bigint) as sum_score,
        {{ safe_mean('sum_score', 'responses') }} as mean_score,
        cast(sum_normalized_score as {{ cx_platform.type_double() }})
            as sum_normalized_score,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score,
        is_higher_better
    from counted
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
