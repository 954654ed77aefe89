{{ config(**incremental_config(unique_key='response_id')) }}

-- Incremental: a run recomputes the responses that changed (a later answer
-- supersedes an earlier one), those whose invitation or question changed,
-- and those whose customer (their own, or their invitation's) may resolve
-- differently now.

with

responses as (
    select
        response_id,
        invitation_id,
        question_id,
        customer_id,
        customer_email,
        touchpoint,
        channel,
        comment,
        score,
        responded_at
    from {{ ref('stg_surveys__responses') }}
    {% if is_incremental() -%}
    where response_id in ({{ affected_keys__int_survey_responses_scored() }})
    {%- endif %}
),

questions as (
    select
        question_id,
        metric,
        scale_min,
        scale_max,
        is_higher_better
    from {{ ref('stg_surveys__questions') }}
),

invitations as (
    select
        invitation_id,
        customer_id,
        touchpoint,
        channel
    from {{ ref('stg_surveys__invitations') }}
),

-- a response with an invitation takes touchpoint, channel and the customer
-- from it
with_invitation as (
    select
        responses.*,
        invitations.invitation_id is not null as has_invitation,
        invitations.touchpoint as invitation_touchpoint,
        invitations.channel as invitation_channel,
        coalesce(invitations.customer_id, responses.customer_id)
            as named_customer_id,
        case
            when invitations.customer_id is null
                then responses.customer_email
        end as named_customer_email
    from responses
    left join invitations
        on responses.invitation_id = invitations.invitation_id
),

joined as (
    select
        responses.response_id,
        responses.invitation_id,
        {{ resolved_customer_key() }} as customer_key,
        {{ resolved_customer_by() }} as customer_resolved_by,
        responses.question_id,
        questions.metric,
        coalesce(
            case
                when responses.has_invitation
                    then responses.invitation_touchpoint
            end,
            responses.touchpoint,
            'unknown'
        ) as touchpoint,
        coalesce(
            case
                when responses.has_invitation
                    then responses.invitation_channel
            end,
            responses.channel,
            'unknown'
        ) as channel,
        responses.comment,
        responses.score,
        questions.scale_min,
        questions.scale_max,
        questions.is_higher_better,
        responses.responded_at
    from with_invitation as responses
    inner join questions
        on responses.question_id = questions.question_id
    {{ join_customer_keys(
        'responses.named_customer_id', 'responses.named_customer_email'
    ) }}
),

normalised as (
    select
        *,
        {{ normalized_score(
            "score", "scale_min", "scale_max", "is_higher_better"
        ) }}
            as normalized_score_0_100
    from joined
),

scored as (
    select
        response_id,
        invitation_id,
        customer_key,
        customer_resolved_by,
        question_id,
        metric,
        touchpoint,
        channel,
        case
            when metric = 'nps' then {{ nps_category('score') }}
        end as nps_category,
        {{ mask_pii('comment') }} as comment,
        score,
        scale_min,
        scale_max,
        normalized_score_0_100,
        case
            when metric = 'ces' then normalized_score_0_100
        end as ease_0_100,
        is_higher_better,
        case
            when metric = 'csat'
                then {{ is_csat_satisfied('score', 'scale_min', 'scale_max') }}
        end as is_csat_satisfied,
        case
            when metric = 'ces'
                then {{ is_low_effort(
                    'score', 'scale_min', 'scale_max', 'is_higher_better'
                ) }}
        end as is_low_effort,
        cast({{ dbt.date_trunc('month', 'responded_at') }} as date)
            as response_month,
        responded_at
    from normalised
)

select * from scored
