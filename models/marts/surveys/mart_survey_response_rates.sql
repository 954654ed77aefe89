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

month_status_as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
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
