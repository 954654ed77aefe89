{{ config(**cx_platform.incremental_config(
    unique_key='response_id', seeds=['comment_theme_keywords']
)) }}

-- One row per kept response with a comment and each theme its (masked)
-- comment mentions: a keyword of the theme as a whole word, ignoring case.
-- Each comment is split into its words once and the words are joined to
-- the keywords (a hash join), instead of one pattern match per comment and
-- keyword. A keyword made of word characters (letters, digits, underscore)
-- occurs as a whole word exactly when it is one of the comment's words; a
-- keyword with any other character (an apostrophe) keeps the pattern match.
-- Incremental: a run tags the responses that changed (every response when
-- the keywords changed).

with

scored as (
    select
        response_id,
        comment
    from {{ ref('int_survey_responses_scored') }}
    {% if is_incremental() -%}
    where response_id in ({{ affected_keys__int_survey_comment_themes() }})
    {%- endif %}
),

responses as (
    select
        response_id,
        comment
    from scored
    where comment is not null
),

keywords as (
    select
        theme,
        lower(keyword) as keyword,
        {{ cx_platform.is_single_word('keyword') }} as is_single_word
    from {{ ref('comment_theme_keywords') }}
),

words as (
    select
        response_id,
        {{ cx_platform.words_of('comment') }} as word
    from responses
),

matched_words as (
    select
        words.response_id,
        keywords.theme
    from words
    inner join keywords
        on words.word = keywords.keyword
    where keywords.is_single_word
),

matched_phrases as (
    select
        responses.response_id,
        keywords.theme
    from responses
    inner join keywords
        on {{ cx_platform.contains_word(
            'responses.comment', 'keywords.keyword'
        ) }}
    where not keywords.is_single_word
),

matched as (
    select
        response_id,
        theme
    from matched_words
    union
    select
        response_id,
        theme
    from matched_phrases
)

select * from matched
