-- raw_survey_invitations of the raw contract, from Qualtrics distribution
-- contacts (var surveys_source = 'qualtrics'; rules in
-- _qualtrics__models.yml and docs/qualtrics.md): a contact an invitation
-- distribution (Invite, GeneratedInvite) was sent to is invited to every
-- mapped question of the distribution's survey. Reminders and thank-yous
-- are no invitations (qualtrics__left_out_rows audits them); an answer
-- given after a reminder belongs to the reminder's parent invitation. Every
-- value is text; base_surveys__invitations validates these rows.
with

question_map as (
    select
        survey_id,
        question_id,
        touchpoint
    from {{ ref('qualtrics_question_map') }}
),

surveys as (
    select
        id,
        survey_name
    from {{ source('qualtrics', 'survey') }}
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
        sent_at
    from {{ source('qualtrics', 'distribution_contact') }}
),

contacts as (
    -- a contact may be in several directories: its smallest external
    -- data reference
    select
        {{ clean_text('id') }} as contact_id,
        min({{ clean_text('ext_ref') }}) as ext_ref
    from {{ source('qualtrics', 'directory_contact') }}
    group by 1
),

invites as (
    select
        {{ clean_text('distribution_contacts.distribution_id') }}
            as distribution_id,
        {{ clean_text('distribution_contacts.contact_id') }} as contact_id,
        {{ clean_text('distributions.survey_link_survey_id') }} as survey_id,
        {{ clean_text('distribution_contacts.sent_at') }} as sent_at
    from distribution_contacts
    inner join distributions
        on
            {{ clean_text('distribution_contacts.distribution_id') }}
            = {{ clean_text('distributions.id') }}
    where {{ clean_enum('distributions.request_type') }} in (
        'invite', 'generatedinvite'
    )
),

final as (
    select
        invites.distribution_id || ':' || invites.contact_id
        || ':' || invites.survey_id
        || ':' || {{ clean_text('question_map.question_id') }}
            as invitation_id,
        contacts.ext_ref as customer_id,
        invites.survey_id
        || ':' || {{ clean_text('question_map.question_id') }} as question_id,
        coalesce(
            {{ clean_text('question_map.touchpoint') }},
            {{ clean_text('surveys.survey_name') }}
        ) as touchpoint,
        -- distribution contacts are the contacts of e-mail distributions
        'email' as channel,
        invites.sent_at,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as order_id
    from invites
    inner join question_map
        on invites.survey_id = {{ clean_text('question_map.survey_id') }}
    left join surveys
        on invites.survey_id = {{ clean_text('surveys.id') }}
    left join contacts
        on invites.contact_id = contacts.contact_id
)

select * from final
