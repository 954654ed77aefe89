with

cells as (
    select
        month,
        touchpoint,
        channel,
        responses,
        promoters,
        passives,
        detractors
    from {{ ref('int_survey_cells_counted') }}
    where metric = 'nps'
),

scored as (
    select
        *,
        {{ nps_score('promoters', 'detractors', 'responses') }} as nps,
        {{ nps_margin('promoters', 'detractors', 'responses') }}
            as nps_moe_95
    from cells
),


measured as (
    select
        month,
        touchpoint,
        channel,
        {{ nps_band('nps') }} as nps_band,
        responses,
        promoters,
        passives,
        detractors,
        nps,
        nps_moe_95,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'low') }} as nps_ci_low,
        {{ nps_interval_bound('nps', 'nps_moe_95', 'high') }} as nps_ci_high,
        responses < {{ var('low_sample_threshold') }} as is_low_sample
    from scored
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
