with

resolved_references as (
    select
        source_table,
        resolved_by
    from {{ ref('int_customer_references_resolved') }}
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
