with

invitations as (
    select
        invitation_id,
        customer_id,
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

-- invitations with a kept response (every staged response has a staged
-- question, so these are the responses of fct_survey_responses)
answered as (
    select distinct invitation_id
    from {{ ref('stg_surveys__responses') }}
    where invitation_id is not null
),

final as (
    select
        invitations.invitation_id,
        {{ resolved_customer_key(with_email=false) }} as customer_key,
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
    {{ join_customer_keys('invitations.customer_id') }}
    left join answered
        on invitations.invitation_id = answered.invitation_id
)

select * from final
