with

grid as (
    select
        month,
        metric,
        touchpoint,
        channel
    from {{ ref('int_survey_month_grid') }}
),

invitations as (
    select
        sent_month,
        metric,
        touchpoint,
        channel,
        has_response
    from {{ ref('fct_survey_invitations') }}
),

counted as (
    select
        sent_month as month,
        metric,
        touchpoint,
        channel,
        count(*) as invitations,
        count(case when has_response then 1 end) as responded
    from invitations
    group by 1, 2, 3, 4
),

final as (
    select
        grid.month,
        grid.metric,
        grid.touchpoint,
        grid.channel,
        cast(coalesce(counted.invitations, 0) as bigint) as invitations,
        cast(coalesce(counted.responded, 0) as bigint) as responded,
        {{ safe_pct('counted.responded', 'counted.invitations') }}
            as response_rate_pct
    from grid
    left join counted
        on
            grid.month = counted.month
            and grid.metric = counted.metric
            and grid.touchpoint = counted.touchpoint
            and grid.channel = counted.channel
)

select * from final
