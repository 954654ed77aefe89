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

final as (
    select
        month,
        metric,
        touchpoint,
        channel,
        invitations,
        responded,
        {{ safe_pct('responded', 'invitations') }} as response_rate_pct
    from cells
)

select * from final
