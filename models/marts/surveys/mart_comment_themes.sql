with

responses as (
    select
        response_id,
        metric,
        response_month,
        {{ sentiment_group(
            'metric', 'nps_category', 'is_csat_satisfied', 'is_low_effort'
        ) }} as sentiment_group
    from {{ ref('fct_survey_responses') }}
    where comment is not null
),

themes as (
    select
        response_id,
        theme
    from {{ ref('int_survey_comment_themes') }}
),

theme_names as (
    select distinct theme from {{ ref('comment_theme_keywords') }}
),

commented as (
    select
        response_month as month,
        metric,
        sentiment_group,
        count(*) as commented_responses
    from responses
    group by 1, 2, 3
),

mentioned as (
    select
        responses.response_month as month,
        themes.theme,
        responses.metric,
        responses.sentiment_group,
        count(*) as mentions
    from themes
    inner join responses
        on themes.response_id = responses.response_id
    group by 1, 2, 3, 4
),


measured as (
    select
        commented.month,
        theme_names.theme,
        commented.metric,
        commented.sentiment_group,
        cast(coalesce(mentioned.mentions, 0) as bigint) as mentions,
        cast(commented.commented_responses as bigint) as responses,
        {{ safe_pct(
            'coalesce(mentioned.mentions, 0)', 'commented.commented_responses'
        ) }} as mention_pct
    from commented
    cross join theme_names
    left join mentioned
        on
            commented.month = mentioned.month
            and theme_names.theme = mentioned.theme
            and commented.metric = mentioned.metric
            and commented.sentiment_group = mentioned.sentiment_group
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
