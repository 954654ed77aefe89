{{ config(**cx_platform.incremental_config(unique_key='response_id')) }}
{%- set double = cx_platform.type_double() %}

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
        coalesce(customer_by_id.customer_key, customer_by_email.customer_key)
            as customer_key,
        case
            when customer_by_id.customer_key is not null then 'customer_id'
            when customer_by_email.customer_key is not null then 'email'
        end as customer_resolved_by,
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
    -- identity resolution (docs/metrics.md): by customer_id (any staged
    -- record), else by normalised e-mail (the canonical record of that e-mail)
    left join {{ ref('int_customers_resolved') }} as customer_by_id
        on responses.named_customer_id = customer_by_id.customer_id
    left join {{ ref('int_customers_resolved') }} as customer_by_email
        on
            {{ normalize_email('responses.named_customer_email') }}
            = customer_by_email.email_normalized
            and customer_by_email.is_canonical
),

-- the score on 0-100, 100 the best answer (docs/metrics.md): for CES this
-- is ease_0_100
normalised as (
    select
        *,
        case
            when is_higher_better
                then
                    100.0 * cast(score - scale_min as {{ double }})
                    / cast(scale_max - scale_min as {{ double }})
            else
                100.0 * cast(scale_max - score as {{ double }})
                / cast(scale_max - scale_min as {{ double }})
        end as normalized_score_0_100
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
        -- NPS: promoter 9-10, passive 7-8, detractor 0-6
        case
            when metric = 'nps' and score >= 9 then 'promoter'
            when metric = 'nps' and score >= 7 then 'passive'
            when metric = 'nps' and score >= 0 then 'detractor'
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
        -- CSAT satisfied: on a binary (0-1) scale a 1, otherwise the top two
        -- boxes
        case
            when metric = 'csat' and scale_min = 0 and scale_max = 1
                then score = 1
            when metric = 'csat' then score >= scale_max - 1
        end as is_csat_satisfied,
        -- CES low effort: ease_0_100 >= 200/3, compared in integers,
        -- 3 * (distance from the worst answer) >= 2 * (max - min), so the
        -- threshold is exact (on 1-7 higher-is-better: 5, 6, 7; on 1-5
        -- higher-is-worse: 1, 2)
        case
            when metric = 'ces' and is_higher_better
                then 3 * (score - scale_min) >= 2 * (scale_max - scale_min)
            when metric = 'ces'
                then 3 * (scale_max - score) >= 2 * (scale_max - scale_min)
        end as is_low_effort,
        cast({{ dbt.date_trunc('month', 'responded_at') }} as date)
            as response_month,
        responded_at
    from normalised
)

select * from scored
