-- raw_survey_questions of the raw contract, from the Qualtrics questions
-- the seed qualtrics_question_map names (var surveys_source = 'qualtrics';
-- rules in _qualtrics__models.yml and docs/qualtrics.md). A Qualtrics
-- question id is unique within its survey only, so the contract's key is
-- '<survey id>:<question id>'. Every value is text, as the contract reads
-- it; base_surveys__questions validates these rows like any other.
with

question_map as (
    select
        survey_id,
        question_id,
        metric,
        scale_min,
        scale_max,
        higher_is_better
    from {{ ref('qualtrics_question_map') }}
),

questions as (
    select
        id,
        survey_id,
        question_text
    from {{ source('qualtrics', 'question') }}
),

final as (
    select
        {{ clean_text('question_map.survey_id') }}
        || ':' || {{ clean_text('question_map.question_id') }} as question_id,
        {{ clean_text('question_map.metric') }} as metric,
        {{ clean_text('questions.question_text') }} as question_text,
        {{ clean_text('question_map.scale_min') }} as scale_min,
        {{ clean_text('question_map.scale_max') }} as scale_max,
        {{ clean_text('question_map.higher_is_better') }} as higher_is_better
    from question_map
    left join questions
        on
            {{ clean_text('question_map.survey_id') }}
            = {{ clean_text('questions.survey_id') }}
            and {{ clean_text('question_map.question_id') }}
            = {{ clean_text('questions.id') }}
)

select * from final
