-- The Qualtrics rows the adapter does not map into the raw contract, each
-- with its reason (var surveys_source = 'qualtrics'; docs/qualtrics.md):
-- nothing is dropped unseen. audit_rejected_rows lists them beside the
-- contract's rejected rows (source_table 'qualtrics.<table>'); they are
-- not raw contract rows, so audit_row_counts does not count them.
with

question_map as (
    select
        survey_id,
        question_id,
        comment_question_id
    from {{ ref('qualtrics_question_map') }}
),

survey_responses as (
    select
        id,
        survey_id,
        status,
        distribution_channel,
        recipient_email,
        recorded_date
    from {{ source('qualtrics', 'survey_response') }}
),

question_responses as (
    select
        _fivetran_id,
        response_id,
        question_id,
        question_option_key,
        value,
        text
    from {{ source('qualtrics', 'question_response') }}
),

distributions as (
    select
        id,
        request_type,
        survey_link_survey_id
    from {{ source('qualtrics', 'distribution') }}
),

distribution_contacts as (
    select
        distribution_id,
        contact_id,
        sent_at,
        response_id
    from {{ source('qualtrics', 'distribution_contact') }}
),

mapped_questions as (
    -- a question is mapped as a score or as a comment
    select
        {{ clean_text('survey_id') }} as survey_id,
        {{ clean_text('question_id') }} as question_id
    from question_map
    union
    select
        {{ clean_text('survey_id') }} as survey_id,
        {{ clean_text('comment_question_id') }} as question_id
    from question_map
    where {{ clean_text('comment_question_id') }} is not null
),

mapped_surveys as (
    select distinct survey_id
    from mapped_questions
),

classified_responses as (
    select
        *,
        case
            when
                coalesce({{ clean_text('status') }}, '') in ('1', '9', '17')
                or {{ clean_enum('distribution_channel') }} = 'preview'
                then 'preview_response'
            when
                coalesce({{ clean_text('status') }}, '') = '2'
                or {{ clean_enum('distribution_channel') }} = 'test'
                then 'test_response'
            when coalesce({{ clean_text('status') }}, '') in ('8', '12')
                then 'spam_response'
        end as left_out_reason
    from survey_responses
),

left_out_responses as (
    select
        'qualtrics.survey_response' as source_table,
        {{ clean_text('id') }} as source_key,
        left_out_reason as reason,
        {{ cx_platform.raw_row_json([
            'id', 'survey_id', 'status', 'distribution_channel',
            'recipient_email', 'recorded_date',
        ]) | indent(8) }} as raw_row
    from classified_responses
    where left_out_reason is not null
),

classified_answers as (
    -- an answer of a left-out response goes with it (same reason); an
    -- answer of a kept response to a question the map does not name is
    -- unmapped_question; an answer of no known response unknown_response
    select
        question_responses.*,
        case
            when classified_responses.id is null then 'unknown_response'
            when classified_responses.left_out_reason is not null
                then classified_responses.left_out_reason
            when mapped_questions.question_id is null
                then 'unmapped_question'
        end as left_out_reason
    from question_responses
    left join classified_responses
        on
            {{ clean_text('question_responses.response_id') }}
            = {{ clean_text('classified_responses.id') }}
    left join mapped_questions
        on
            {{ clean_text('classified_responses.survey_id') }}
            = mapped_questions.survey_id
            and {{ clean_text('question_responses.question_id') }}
            = mapped_questions.question_id
),

left_out_answers as (
    select
        'qualtrics.question_response' as source_table,
        {{ clean_text('_fivetran_id') }} as source_key,
        left_out_reason as reason,
        {{ cx_platform.raw_row_json([
            '_fivetran_id', 'response_id', 'question_id',
            'question_option_key', 'value', 'text',
        ]) | indent(8) }} as raw_row
    from classified_answers
    where left_out_reason is not null
),

classified_contacts as (
    -- a contact of a reminder or thank-you is no invitation; a contact of
    -- an invitation to a survey without a mapped question is invited to
    -- nothing the contract measures
    select
        distribution_contacts.*,
        case
            when distributions.id is null then 'unknown_distribution'
            when
                coalesce({{ clean_enum('distributions.request_type') }}, '')
                not in ('invite', 'generatedinvite')
                then 'not_an_invitation'
            when mapped_surveys.survey_id is null then 'unmapped_survey'
        end as left_out_reason
    from distribution_contacts
    left join distributions
        on
            {{ clean_text('distribution_contacts.distribution_id') }}
            = {{ clean_text('distributions.id') }}
    left join mapped_surveys
        on
            {{ clean_text('distributions.survey_link_survey_id') }}
            = mapped_surveys.survey_id
),

left_out_contacts as (
    select
        'qualtrics.distribution_contact' as source_table,
        {{ clean_text('distribution_id') }}
        || '|' || {{ clean_text('contact_id') }} as source_key,
        left_out_reason as reason,
        {{ cx_platform.raw_row_json([
            'distribution_id', 'contact_id', 'sent_at', 'response_id',
        ]) | indent(8) }} as raw_row
    from classified_contacts
    where left_out_reason is not null
),

final as (
    select * from left_out_responses
    union all
    select * from left_out_answers
    union all
    select * from left_out_contacts
)

select * from final
