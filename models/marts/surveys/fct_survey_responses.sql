with

responses as (
    select
        response_id,
        invitation_id,
        question_id,
        touchpoint,
        channel,
        comment,
        score,
        responded_at
    from {{ ref('stg_surveys__responses') }}
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
        touchpoint,
        channel
    from {{ ref('stg_surveys__invitations') }}
),

customer_keys as (
    select
        source_key as response_id,
        customer_key
    from {{ ref('int_customer_references_resolved') }}
    where source_table = 'raw_survey_responses'
),

-- a response with an invitation takes touchpoint and channel from it
joined as (
    select
        responses.response_id,
        responses.invitation_id,
        customer_keys.customer_key,
        responses.question_id,
        questions.metric,
        coalesce(
            case
                when invitations.invitation_id is not null
                    then invitations.touchpoint
            end,
            responses.touchpoint,
            'unknown'
        ) as touchpoint,
        coalesce(
            case
                when invitations.invitation_id is not null
                    then invitations.channel
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
    from responses
    inner join questions
        on responses.question_id = questions.question_id
    left join invitations
        on responses.invitation_id = invitations.invitation_id
    left join customer_keys
        on responses.response_id = customer_keys.response_id
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
