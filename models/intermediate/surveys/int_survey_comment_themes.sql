-- One row per kept response with a comment and each theme its (masked)
-- comment mentions: a keyword of the theme as a whole word, ignoring case.
with

responses as (
    select
        response_id,
        comment
    from {{ ref('fct_survey_responses') }}
    where comment is not null
),

keywords as (
    select
        theme,
        keyword
    from {{ ref('comment_theme_keywords') }}
),

matched as (
    select distinct
        responses.response_id,
        keywords.theme
    from responses
    inner join keywords
        on {{ contains_word('responses.comment', 'keywords.keyword') }}
)

select * from matched
