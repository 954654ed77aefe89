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
        invitation_id,
        question_id,
        coalesce(touchpoint, 'unknown') as touchpoint,
        coalesce(channel, 'unknown') as channel,
        sent_at
    from {{ ref('stg_surveys__invitations') }}
),

questions as (
    select
        question_id,
        metric
    from {{ ref('stg_surveys__questions') }}
),

answered as (
    select distinct invitation_id
    from {{ ref('fct_survey_responses') }}
    where invitation_id is not null
),

flagged as (
    select
        invitations.invitation_id,
        questions.metric,
        invitations.touchpoint,
        invitations.channel,
        answered.invitation_id is not null as has_response,
        cast({{ dbt.date_trunc('month', 'invitations.sent_at') }} as date)
            as sent_month
    from invitations
    inner join questions
        on invitations.question_id = questions.question_id
    left join answered
        on invitations.invitation_id = answered.invitation_id
),

counted as (
    select
        sent_month as month,
        metric,
        touchpoint,
        channel,
        count(*) as invitations,
        count(case when has_response then 1 end) as responded
    from flagged
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
