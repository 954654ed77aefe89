-- How the customer references of the facts were resolved (docs/metrics.md:
-- customers and identity): each fact carries customer_resolved_by, so the
-- audit counts them instead of resolving every reference a second time.
with

resolved_references as (
    select
        'raw_survey_invitations' as source_table,
        customer_resolved_by as resolved_by
    from {{ ref('int_survey_invitations_answered') }}
    union all
    select
        'raw_survey_responses' as source_table,
        customer_resolved_by as resolved_by
    from {{ ref('int_survey_responses_scored') }}
    union all
    select
        'raw_tickets' as source_table,
        customer_resolved_by as resolved_by
    from {{ ref('fct_tickets') }}
),

summarised as (
    select
        source_table,
        count(*) as customer_references,
        sum(case when resolved_by = 'customer_id' then 1 else 0 end)
            as resolved_by_id,
        sum(case when resolved_by = 'email' then 1 else 0 end)
            as resolved_by_email,
        sum(case when resolved_by is null then 1 else 0 end) as unresolved
    from resolved_references
    group by 1
),

final as (
    select
        source_table,
        customer_references,
        resolved_by_id,
        resolved_by_email,
        unresolved,
        case
            when customer_references > 0
                then 100.0 * unresolved / customer_references
        end as unresolved_pct
    from summarised
)

select * from final
