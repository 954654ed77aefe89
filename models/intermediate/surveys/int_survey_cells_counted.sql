{{ config(materialized="table") }}

-- One row per month × metric × touchpoint × channel of int_survey_month_grid
-- with the additive counts every survey mart is computed from: responses
-- by month of responded_at, invitations by month of sent_at. Zero where the
-- cell had none.
with

grid as (
    select
        month,
        metric,
        touchpoint,
        channel
    from {{ ref('int_survey_month_grid') }}
),

responses as (
    select
        response_month,
        metric,
        touchpoint,
        channel,
        nps_category,
        is_csat_satisfied,
        is_low_effort,
        normalized_score_0_100,
        ease_0_100
    from {{ ref('int_survey_responses_scored') }}
),

invitations as (
    select
        sent_month,
        metric,
        touchpoint,
        channel,
        has_response
    from {{ ref('int_survey_invitations_answered') }}
),

response_counts as (
    select
        response_month as month,
        metric,
        touchpoint,
        channel,
        count(*) as responses,
        count(case when nps_category = 'promoter' then 1 end) as promoters,
        count(case when nps_category = 'passive' then 1 end) as passives,
        count(case when nps_category = 'detractor' then 1 end) as detractors,
        count(case when is_csat_satisfied then 1 end) as satisfied,
        count(case when is_low_effort then 1 end) as low_effort,
        {{ exact_sum('normalized_score_0_100') }} as sum_normalized_score,
        {{ exact_sum('ease_0_100') }} as sum_ease
    from responses
    group by 1, 2, 3, 4
),

invitation_counts as (
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
        cast(coalesce(response_counts.responses, 0) as bigint) as responses,
        cast(coalesce(response_counts.promoters, 0) as bigint) as promoters,
        cast(coalesce(response_counts.passives, 0) as bigint) as passives,
        cast(coalesce(response_counts.detractors, 0) as bigint) as detractors,
        cast(coalesce(response_counts.satisfied, 0) as bigint) as satisfied,
        cast(coalesce(response_counts.low_effort, 0) as bigint) as low_effort,
        coalesce(response_counts.sum_normalized_score, 0)
            as sum_normalized_score,
        coalesce(response_counts.sum_ease, 0) as sum_ease,
        cast(coalesce(invitation_counts.invitations, 0) as bigint)
            as invitations,
        cast(coalesce(invitation_counts.responded, 0) as bigint) as responded
    from grid
    left join response_counts
        on
            grid.month = response_counts.month
            and grid.metric = response_counts.metric
            and grid.touchpoint = response_counts.touchpoint
            and grid.channel = response_counts.channel
    left join invitation_counts
        on
            grid.month = invitation_counts.month
            and grid.metric = invitation_counts.metric
            and grid.touchpoint = invitation_counts.touchpoint
            and grid.channel = invitation_counts.channel
)

select * from final
