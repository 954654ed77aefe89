-- "Close the loop": NPS detractors and dissatisfied CSAT responses of the
-- last 30 days before the end of as_of_date, worst first, with the themes of
-- their (masked) comment and the customer's open tickets. Each score keeps
-- its question's scale, so a 0 reads as "0 on 0-1", not as a 0 on 0-10.
with

responses as (
    select
        response_id,
        customer_key,
        metric,
        touchpoint,
        channel,
        comment,
        score,
        scale_min,
        scale_max,
        normalized_score_0_100,
        is_higher_better,
        responded_at
    from {{ ref('fct_survey_responses') }}
    where nps_category = 'detractor' or not is_csat_satisfied
),

as_of as (
    select as_of_end_at from {{ ref('int_as_of_date') }}
),

comment_themes as (
    select
        response_id,
        theme
    from {{ ref('int_survey_comment_themes') }}
),

open_tickets as (
    select
        tickets.customer_key,
        count(*) as open_tickets
    from {{ ref('fct_tickets') }} as tickets
    cross join as_of
    where
        not tickets.is_resolved
        and tickets.customer_key is not null
        and tickets.created_at < as_of.as_of_end_at
    group by 1
),

recent as (
    select responses.*
    from responses
    cross join as_of
    where
        responses.responded_at < as_of.as_of_end_at
        and responses.responded_at
        >= {{ dbt.dateadd('day', -30, 'as_of.as_of_end_at') }}
),

-- the themes of the recent responses only
themes as (
    select
        comment_themes.response_id,
        {{ cx_platform.listagg_sorted('comment_themes.theme', "', '") }}
            as themes
    from comment_themes
    inner join recent
        on comment_themes.response_id = recent.response_id
    group by 1
),

final as (
    select
        recent.response_id,
        recent.customer_key,
        recent.metric,
        recent.touchpoint,
        recent.channel,
        recent.comment,
        themes.themes,
        recent.score,
        recent.scale_min,
        recent.scale_max,
        recent.normalized_score_0_100,
        cast(coalesce(open_tickets.open_tickets, 0) as bigint) as open_tickets,
        cast(
            row_number() over (
                order by
                    recent.normalized_score_0_100 asc,
                    coalesce(open_tickets.open_tickets, 0) desc,
                    recent.responded_at desc,
                    recent.response_id asc
            ) as bigint
        ) as priority_rank,
        recent.is_higher_better,
        recent.responded_at
    from recent
    left join themes
        on recent.response_id = themes.response_id
    left join open_tickets
        on recent.customer_key = open_tickets.customer_key
)

select * from final
