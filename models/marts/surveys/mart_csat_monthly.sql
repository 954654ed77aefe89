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


measured as (
    select
        month,
        touchpoint,
        channel,
        responses,
        satisfied,
        cast(sum_normalized_score as {{ cx_platform.type_double() }})
            as sum_normalized_score,
        {{ safe_pct('satisfied', 'responses') }} as csat_pct,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from cells
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
