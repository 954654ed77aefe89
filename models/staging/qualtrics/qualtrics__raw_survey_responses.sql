-- raw_survey_responses of the raw contract, from Qualtrics answers to the
-- questions the seed qualtrics_question_map names (var surveys_source =
-- 'qualtrics'; rules in _qualtrics__models.yml and docs/qualtrics.md): one
-- row per answer of a kept response to a mapped question. Preview, test
-- and spam responses are left out, and so are answers to questions not
-- mapped: qualtrics__left_out_rows audits both with a reason. The score is
-- the chosen option's recode value (else the answer's value), passed on as
-- text, so that a non-numeric answer is rejected by the contract as
-- score_not_integer. Every value is text; base_surveys__responses
-- validates these rows like any other.
with

question_map as (
    select
        survey_id,
        question_id,
        touchpoint,
        touchpoint_field,
        channel_field,
        comment_question_id
    from {{ ref('qualtrics_question_map') }}
),

surveys as (
    select
        id,
        survey_name
    from {{ source('qualtrics', 'survey') }}
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

question_options as (
    select
        survey_id,
        question_id,
        key,
        recode_value
    from {{ source('qualtrics', 'question_option') }}
),

embedded_data as (
    select
        response_id,
        key,
        value
    from {{ source('qualtrics', 'survey_embedded_data') }}
),

distributions as (
    select
        id,
        parent_distribution_id,
        request_type
    from {{ source('qualtrics', 'distribution') }}
),

distribution_contacts as (
    select
        distribution_id,
        contact_id,
        response_id
    from {{ source('qualtrics', 'distribution_contact') }}
),

contacts as (
    -- a contact may be in several directories: its smallest external
    -- data reference and e-mail
    select
        {{ clean_text('id') }} as contact_id,
        min({{ clean_text('ext_ref') }}) as ext_ref,
        min({{ clean_text('email') }}) as email
    from {{ source('qualtrics', 'directory_contact') }}
    group by 1
),

mapped_questions as (
    select
        {{ clean_text('survey_id') }} as survey_id,
        {{ clean_text('question_id') }} as question_id,
        {{ clean_text('touchpoint') }} as touchpoint,
        {{ clean_text('touchpoint_field') }} as touchpoint_field,
        {{ clean_text('channel_field') }} as channel_field,
        {{ clean_text('comment_question_id') }} as comment_question_id
    from question_map
),

kept_responses as (
    -- preview (status 1, 9, 17), test (2) and spam (8, 12) responses are
    -- no customer's answers: left out (audited in qualtrics__left_out_rows);
    -- imported (4) and offline (16) responses are kept
    select
        {{ clean_text('id') }} as response_id,
        {{ clean_text('survey_id') }} as survey_id,
        {{ clean_enum('distribution_channel') }} as distribution_channel,
        {{ clean_text('recipient_email') }} as recipient_email,
        {{ clean_text('recorded_date') }} as recorded_date
    from survey_responses
    where
        coalesce({{ clean_text('status') }}, '0')
        not in ('1', '2', '8', '9', '12', '17')
        and coalesce({{ clean_enum('distribution_channel') }}, '')
        not in ('preview', 'test')
),

invited_responses as (
    -- the invitation a response answers: the contact's invitation
    -- distribution, or for a reminder its parent (a reminder is no
    -- invitation); several rows for one response (the invitation and its
    -- reminder) name the same invitation
    select
        {{ clean_text('distribution_contacts.response_id') }} as response_id,
        min(
            case
                when
                    {{ clean_enum('distributions.request_type') }}
                    in ('invite', 'generatedinvite')
                    then {{ clean_text('distributions.id') }}
                else {{ clean_text('distributions.parent_distribution_id') }}
            end
        ) as distribution_id,
        min({{ clean_text('distribution_contacts.contact_id') }})
            as contact_id
    from distribution_contacts
    inner join distributions
        on
            {{ clean_text('distribution_contacts.distribution_id') }}
            = {{ clean_text('distributions.id') }}
    where {{ clean_text('distribution_contacts.response_id') }} is not null
    group by 1
),

answers as (
    select
        {{ clean_text('question_responses.response_id') }} as response_id,
        {{ clean_text('question_responses.question_id') }} as question_id,
        {{ clean_text('question_responses.question_option_key') }}
            as option_key,
        {{ clean_text('question_responses.value') }} as answer_value,
        {{ clean_text('question_responses.text') }} as answer_text
    from question_responses
),

comments as (
    -- the text of a response's answer to a comment question
    select
        answers.response_id,
        answers.question_id,
        max(answers.answer_text) as comment
    from answers
    group by 1, 2
),

field_values as (
    select
        {{ clean_text('response_id') }} as response_id,
        {{ clean_text('key') }} as field,
        max({{ clean_text('value') }}) as field_value
    from embedded_data
    group by 1, 2
),

scored as (
    select
        kept_responses.response_id || ':' || answers.question_id
            as response_id,
        case
            when invited_responses.distribution_id is not null
                then
                    invited_responses.distribution_id
                    || ':' || invited_responses.contact_id
                    || ':' || kept_responses.survey_id
                    || ':' || answers.question_id
        end as invitation_id,
        kept_responses.survey_id || ':' || answers.question_id
            as question_id,
        contacts.ext_ref as customer_id,
        coalesce(contacts.email, kept_responses.recipient_email)
            as customer_email,
        coalesce(
            touchpoints.field_value,
            mapped_questions.touchpoint,
            {{ clean_text('surveys.survey_name') }}
        ) as touchpoint,
        coalesce(channels.field_value, kept_responses.distribution_channel)
            as channel,
        kept_responses.recorded_date as responded_at,
        -- the recode value of the chosen option; without an option (a
        -- slider, a text entry) the answer's value, numeric or not
        coalesce(
            {{ clean_text('question_options.recode_value') }},
            answers.answer_value
        ) as score,
        comments.comment
    from answers
    inner join kept_responses
        on answers.response_id = kept_responses.response_id
    inner join mapped_questions
        on
            kept_responses.survey_id = mapped_questions.survey_id
            and answers.question_id = mapped_questions.question_id
    left join question_options
        on
            kept_responses.survey_id
            = {{ clean_text('question_options.survey_id') }}
            and answers.question_id
            = {{ clean_text('question_options.question_id') }}
            and answers.option_key = {{ clean_text('question_options.key') }}
    left join surveys
        on kept_responses.survey_id = {{ clean_text('surveys.id') }}
    left join invited_responses
        on kept_responses.response_id = invited_responses.response_id
    left join contacts
        on invited_responses.contact_id = contacts.contact_id
    left join field_values as touchpoints
        on
            kept_responses.response_id = touchpoints.response_id
            and mapped_questions.touchpoint_field = touchpoints.field
    left join field_values as channels
        on
            kept_responses.response_id = channels.response_id
            and mapped_questions.channel_field = channels.field
    left join comments
        on
            kept_responses.response_id = comments.response_id
            and mapped_questions.comment_question_id = comments.question_id
),

final as (
    select
        response_id,
        invitation_id,
        question_id,
        customer_id,
        customer_email,
        touchpoint,
        channel,
        responded_at,
        score,
        comment
    from scored
)

select * from final
