with

cells as (
    select
        month,
        metric,
        touchpoint,
        channel,
        invitations,
        responded
    from {{ ref('int_survey_cells_counted') }}
),


measured as (
    select
        month,
        metric,
        touchpoint,
        channel,
        invitations,
        responded,
        {{ safe_pct('responded', 'invitations') }} as response_rate_pct
    from cells
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
