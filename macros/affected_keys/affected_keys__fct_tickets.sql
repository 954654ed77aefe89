{% macro affected_keys__fct_tickets() -%}
    select milestones.ticket_id
    from {{ ref('int_ticket_milestones') }} as milestones
    where
        milestones.cx_batch > {{ cx_platform.processed_batch() }}
        or not milestones.is_resolved
        or milestones.first_response_at is null
    union
    select tickets.ticket_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_helpdesk__tickets')
    ) }} as tickets
    where
        tickets.cx_batch > {{ cx_platform.processed_batch() }}
        or exists (
            select 1 {#- noqa: AL03 #}
            from {{ cx_platform.with_replaced_rows(
                ref('base_helpdesk__holidays')
            ) }} as holidays
            where holidays.cx_batch > {{ cx_platform.processed_batch() }}
        )
        or {{ schedules_changed(cx_platform.processed_batch()) }}
    union
    select assignments.ticket_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_helpdesk__ticket_schedules')
    ) }} as assignments
    where assignments.cx_batch > {{ cx_platform.processed_batch() }}
    union
    select tickets.ticket_id
    from {{ ref('stg_helpdesk__tickets') }} as tickets
    where
        tickets.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records() }}) as changed
        )
        or tickets.requester_email_normalized in (
            select changed.email_normalized
            from ({{ changed_customer_records() }}) as changed
        )
{%- endmacro %}
