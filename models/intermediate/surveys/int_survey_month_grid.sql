-- One row per month × metric × touchpoint × channel, from the first month
-- the combination was surveyed (invited or answered) to as_of_date's month:
-- the rows of the survey marts, so that a month without answers is a row
-- with zero counts and null ratios instead of a gap.
with

responses as (
    select
        metric,
        touchpoint,
        channel,
        response_month as activity_month
    from {{ ref('int_survey_responses_scored') }}
),

invitations as (
    select
        metric,
        touchpoint,
        channel,
        sent_month as activity_month
    from {{ ref('int_survey_invitations_answered') }}
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

activity as (
    select
        metric,
        touchpoint,
        channel,
        activity_month
    from responses
    union all
    select
        metric,
        touchpoint,
        channel,
        activity_month
    from invitations
),

combinations as (
    select
        metric,
        touchpoint,
        channel,
        min(activity_month) as first_month
    from activity
    group by 1, 2, 3
),

final as (
    select
        months.month,
        combinations.metric,
        combinations.touchpoint,
        combinations.channel
    from combinations
    inner join months
        on combinations.first_month <= months.month
)

select * from final
