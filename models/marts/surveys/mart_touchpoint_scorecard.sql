with

cells as (
    select
        month,
        metric,
        touchpoint,
        responses,
        promoters,
        passives,
        detractors,
        satisfied,
        low_effort,
        sum_normalized_score,
        sum_ease
    from {{ ref('int_survey_cells_counted') }}
),

counted as (
    select
        month,
        touchpoint,
        sum(responses) as responses,
        sum(sum_normalized_score) as sum_normalized_score,
        sum(case when metric = 'nps' then responses else 0 end)
            as nps_responses,
        sum(promoters) as promoters,
        sum(passives) as passives,
        sum(detractors) as detractors,
        sum(case when metric = 'csat' then responses else 0 end)
            as csat_responses,
        sum(satisfied) as csat_satisfied,
        sum(case when metric = 'ces' then responses else 0 end)
            as ces_responses,
        sum(low_effort) as ces_low_effort,
        sum(sum_ease) as ces_sum_ease
    from cells
    group by 1, 2
),

scored as (
    select
        *,
        {{ safe_mean('sum_normalized_score', 'responses') }}
            as mean_normalized_score
    from counted
),


measured as (
    select
        month,
        touchpoint,
        cast(responses as bigint) as responses,
        cast(sum_normalized_score as {{ cx_platform.type_double() }})
            as sum_normalized_score,
        mean_normalized_score,
        cast(nps_responses as bigint) as nps_responses,
        cast(promoters as bigint) as promoters,
        cast(passives as bigint) as passives,
        cast(detractors as bigint) as detractors,
        {{ nps_score('promoters', 'detractors', 'nps_responses') }} as nps,
        cast(csat_responses as bigint) as csat_responses,
        cast(csat_satisfied as bigint) as csat_satisfied,
        {{ safe_pct('csat_satisfied', 'csat_responses') }} as csat_pct,
        cast(ces_responses as bigint) as ces_responses,
        cast(ces_low_effort as bigint) as ces_low_effort,
        cast(ces_sum_ease as {{ cx_platform.type_double() }}) as ces_sum_ease,
        {{ safe_pct('ces_low_effort', 'ces_responses') }} as ces_low_effort_pct,
        {{ safe_mean('ces_sum_ease', 'ces_responses') }} as ces_ease_index,
        coalesce(
            mean_normalized_score
            < {{ var('touchpoint_attention_threshold') }},
            false
        ) as needs_attention
    from scored
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
