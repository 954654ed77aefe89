{{ config(materialized='view') }}

-- Grain: one row per survey invitation (invitation_id). The
-- contracted fact that BI tools and the semantic layer read: a view of
-- int_survey_invitations_answered, which does the (incremental) work, so that
-- every arrow points from staging to intermediate to marts and the rows are
-- stored once.

with

final as (
    select
        invitation_id,
        customer_key,
        customer_resolved_by,
        question_id,
        metric,
        touchpoint,
        channel,
        has_response,
        sent_month,
        sent_at
    from {{ ref('int_survey_invitations_answered') }}
)

select * from final
