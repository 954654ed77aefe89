{{ config(materialized='view') }}

-- Grain: one row per kept survey response (response_id). The
-- contracted fact that BI tools and the semantic layer read: a view of
-- int_survey_responses_scored, which does the (incremental) work, so that
-- every arrow points from staging to intermediate to marts and the rows are
-- stored once.

with

final as (
    select
        response_id,
        invitation_id,
        customer_key,
        customer_resolved_by,
        question_id,
        metric,
        touchpoint,
        channel,
        nps_category,
        comment,
        score,
        scale_min,
        scale_max,
        normalized_score_0_100,
        ease_0_100,
        is_higher_better,
        is_csat_satisfied,
        is_low_effort,
        response_month,
        responded_at
    from {{ ref('int_survey_responses_scored') }}
)

select * from final
