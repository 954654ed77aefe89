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

month_status_as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
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
        cast(sum_normalized_score as {{ cx_type_double() }})
            as sum_normalized_score,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score,
        is_higher_better
    from counted
),

-- every monthly mart says at which as_of_date it was built and whether each
-- month is complete then (the newest one usually is not)
final as (
    select
        measured.*,
        month_status_as_of.as_of_date,
        {{ is_complete_month(
            'measured.month', 'month_status_as_of.as_of_date'
        ) }} as is_complete_month
    from measured
    cross join month_status_as_of
)

select * from final
