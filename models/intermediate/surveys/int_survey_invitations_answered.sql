{{ config(**cx_platform.incremental_config(unique_key='invitation_id')) }}

-- Incremental: a run recomputes the invitations that changed, those with a
-- changed response (has_response), those of a changed question, and those
-- whose customer may resolve differently now.

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
    {% if is_incremental() -%}
    where invitation_id in ({{
        affected_keys__int_survey_invitations_answered()
    }})
    {%- endif %}
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
    select invitation_id
    from {{ ref('stg_surveys__responses') }}
    where invitation_id is not null
),

final as (
    select
        invitations.invitation_id,
        customer_by_id.customer_key,
        case
            when customer_by_id.customer_key is not null then 'customer_id'
        end as customer_resolved_by,
        invitations.question_id,
        questions.metric,
        invitations.touchpoint,
        invitations.channel,
        invitations.invitation_id in (
            select answered.invitation_id from answered
        ) as has_response,
        cast({{ dbt.date_trunc('month', 'invitations.sent_at') }} as date)
            as sent_month,
        invitations.sent_at
    from invitations
    inner join questions
        on invitations.question_id = questions.question_id
    -- identity resolution (docs/metrics.md): an invitation names its
    -- customer by customer_id (any staged record)
    left join {{ ref('int_customers_resolved') }} as customer_by_id
        on invitations.customer_id = customer_by_id.customer_id
)

select * from final
