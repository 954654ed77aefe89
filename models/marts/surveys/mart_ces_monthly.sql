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


measured as (
    select
        month,
        touchpoint,
        channel,
        responses,
        low_effort,
        cast(sum_ease as {{ cx_platform.type_double() }}) as sum_ease,
        {{ safe_pct('low_effort', 'responses') }} as low_effort_pct,
        {{ safe_mean('sum_ease', 'responses') }} as ease_index,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from cells
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
