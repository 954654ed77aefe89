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
        {{ nps_margin_of_error('promoters', 'detractors', 'responses') }}
            as nps_moe_95
    from cells
),

month_status_as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
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
