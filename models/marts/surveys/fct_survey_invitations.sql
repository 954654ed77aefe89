with

invitations as (
    select
        invitation_id,
        question_id,
        coalesce(touchpoint, 'unknown') as touchpoint,
        coalesce(channel, 'unknown') as channel,
        sent_at
    from {{ ref('stg_surveys__invitations') }}
),

questions as (
    select
        question_id,
        metric
    from {{ ref('stg_surveys__questions') }}
),

customer_keys as (
    select
        source_key as invitation_id,
        customer_key
    from {{ ref('int_customer_references_resolved') }}
    where source_table = 'raw_survey_invitations'
),

answered as (
    select distinct invitation_id
    from {{ ref('fct_survey_responses') }}
    where invitation_id is not null
),

final as (
    select
        invitations.invitation_id,
        customer_keys.customer_key,
        invitations.question_id,
        questions.metric,
        invitations.touchpoint,
        invitations.channel,
        answered.invitation_id is not null as has_response,
        cast({{ dbt.date_trunc('month', 'invitations.sent_at') }} as date)
            as sent_month,
        invitations.sent_at
    from invitations
    inner join questions
        on invitations.question_id = questions.question_id
    left join customer_keys
        on invitations.invitation_id = customer_keys.invitation_id
    left join answered
        on invitations.invitation_id = answered.invitation_id
)

select * from final
