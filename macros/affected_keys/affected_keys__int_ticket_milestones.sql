{% macro affected_keys__int_ticket_milestones() -%}
    select events.ticket_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_helpdesk__ticket_events')
    ) }} as events
    where events.cx_batch > {{ cx_platform.processed_batch() }}
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
    -- a changed schedule assignment moves the ticket's business time
    select assignments.ticket_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_helpdesk__ticket_schedules')
    ) }} as assignments
    where assignments.cx_batch > {{ cx_platform.processed_batch() }}
{%- endmacro %}
