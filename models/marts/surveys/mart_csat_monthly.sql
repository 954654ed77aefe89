with

cells as (
    select
        month,
        touchpoint,
        channel,
        responses,
        satisfied,
        sum_normalized_score
    from {{ ref('int_survey_cells_counted') }}
    where metric = 'csat'
),

month_status_as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

measured as (
    select
        month,
        touchpoint,
        channel,
        responses,
        satisfied,
        cast(sum_normalized_score as {{ cx_type_double() }})
            as sum_normalized_score,
        {{ safe_pct('satisfied', 'responses') }} as csat_pct,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from cells
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
