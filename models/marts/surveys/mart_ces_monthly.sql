with

cells as (
    select
        month,
        touchpoint,
        channel,
        responses,
        low_effort,
        sum_ease
    from {{ ref('int_survey_cells_counted') }}
    where metric = 'ces'
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
        low_effort,
        cast(sum_ease as {{ cx_type_double() }}) as sum_ease,
        {{ safe_pct('low_effort', 'responses') }} as low_effort_pct,
        {{ safe_mean('sum_ease', 'responses') }} as ease_index,
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
