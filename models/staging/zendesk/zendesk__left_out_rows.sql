-- The Zendesk rows the adapter does not map into the raw contract, each
-- with its reason (var tickets_source = 'zendesk'; docs/zendesk.md), so
-- that nothing is dropped unseen: a deleted ticket and every row of it in
-- ticket_comment, ticket_field_history (status rows) and ticket_schedule
-- (deleted_in_source); a private comment other than the ticket's opening
-- one, an internal note (private_comment); a comment or status row of a
-- ticket that is not in `ticket` (unknown_ticket); a schedule interval or
-- holiday removed in Zendesk (deleted_in_source, _fivetran_deleted).
-- audit_rejected_rows lists them beside the contract's rejected rows
-- (source_table 'zendesk.<table>'); they are not raw contract rows, so
-- audit_row_counts does not count them. Rows of field_history of other
-- fields are not read at all, like the columns the adapter does not read.
{%- set has_schedule = cx_platform.adapter_table_present(
    'zendesk', 'schedule'
) %}
{%- set has_holiday = cx_platform.adapter_table_present(
    'zendesk', 'schedule_holiday'
) %}
{%- set has_assignment = cx_platform.adapter_table_present(
    'zendesk', 'ticket_schedule'
) %}
with

tickets as (
    select
        id,
        requester_id,
        via_channel,
        priority,
        status,
        subject,
        created_at
    from {{ source('zendesk', 'ticket') }}
),

comments as (
    select
        id,
        ticket_id,
        user_id,
        public,
        created
    from {{ source('zendesk', 'ticket_comment') }}
),

field_history as (
    select
        ticket_id,
        user_id,
        field_name,
        value,
        updated
    from {{ source('zendesk', 'ticket_field_history') }}
),

ticket_states as (
    -- a ticket id with any row of status deleted is deleted (as the
    -- adapter's event models read it)
    select
        {{ clean_text('id') }} as ticket_id,
        max(
            case when {{ clean_enum('status') }} = 'deleted' then 1 else 0 end
        ) as is_deleted
    from tickets
    where {{ clean_text('id') }} is not null
    group by {{ clean_text('id') }}
),

left_out_tickets as (
    select
        'zendesk.ticket' as source_table,
        {{ clean_text('id') }} as source_key,
        'deleted_in_source' as reason,
        {{ cx_platform.raw_row_json([
            'id', 'requester_id', 'via_channel', 'priority', 'status',
            'subject', 'created_at',
        ]) | indent(8) }} as raw_row
    from tickets
    where {{ clean_enum('status') }} = 'deleted'
),

numbered_comments as (
    -- the ticket's comments in order (created, ties: id), as
    -- zendesk__raw_ticket_events numbers them: the first is the opening one
    select
        *,
        row_number() over (
            partition by {{ clean_text('ticket_id') }}
            order by created, id
        ) as comment_seq
    from comments
),

classified_comments as (
    -- the opening comment is the ticket's request (its raw_tickets row)
    -- and a later public one a message: both are mapped
    select
        numbered_comments.*,
        case
            when ticket_states.ticket_id is null then 'unknown_ticket'
            when ticket_states.is_deleted = 1 then 'deleted_in_source'
            when
                numbered_comments.comment_seq > 1
                and coalesce(
                    {{ clean_enum('numbered_comments.public') }}, ''
                ) not in ('true', 't', '1')
                then 'private_comment'
        end as left_out_reason
    from numbered_comments
    left join ticket_states
        on
            {{ clean_text('numbered_comments.ticket_id') }}
            = ticket_states.ticket_id
),

left_out_comments as (
    select
        'zendesk.ticket_comment' as source_table,
        {{ clean_text('id') }} as source_key,
        left_out_reason as reason,
        {{ cx_platform.raw_row_json([
            'id', 'ticket_id', 'user_id', 'public', 'created',
        ]) | indent(8) }} as raw_row
    from classified_comments
    where left_out_reason is not null
),

classified_changes as (
    -- only status rows are read; a status row of a known ticket is mapped
    -- (an event, or no change of the ticket's status)
    select
        field_history.*,
        case
            when ticket_states.ticket_id is null then 'unknown_ticket'
            when ticket_states.is_deleted = 1 then 'deleted_in_source'
        end as left_out_reason
    from field_history
    left join ticket_states
        on
            {{ clean_text('field_history.ticket_id') }}
            = ticket_states.ticket_id
    where {{ clean_enum('field_history.field_name') }} = 'status'
),

left_out_changes as (
    select
        'zendesk.ticket_field_history' as source_table,
        {{ clean_text('ticket_id') }}
        || '|' || {{ clean_text('field_name') }}
        || '|' || {{ clean_text('updated') }} as source_key,
        left_out_reason as reason,
        {{ cx_platform.raw_row_json([
            'ticket_id', 'user_id', 'field_name', 'value', 'updated',
        ]) | indent(8) }} as raw_row
    from classified_changes
    where left_out_reason is not null
),
{%- if has_assignment %}

ticket_schedules as (
    select
        ticket_id,
        schedule_id,
        created_at
    from {{ source('zendesk', 'ticket_schedule') }}
),

left_out_assignments as (
    -- an assignment of a ticket not in `ticket` is mapped, one row for
    -- one, and rejected by the contract as unknown_ticket
    select
        'zendesk.ticket_schedule' as source_table,
        {{ clean_text('ticket_schedules.ticket_id') }}
        || '|' || {{ clean_text('ticket_schedules.created_at') }}
            as source_key,
        'deleted_in_source' as reason,
        {{ cx_platform.raw_row_json(
            ['ticket_id', 'schedule_id', 'created_at'],
            prefix='ticket_schedules.',
        ) | indent(8) }} as raw_row
    from ticket_schedules
    inner join ticket_states
        on
            {{ clean_text('ticket_schedules.ticket_id') }}
            = ticket_states.ticket_id
    where ticket_states.is_deleted = 1
),
{%- endif %}
{%- if has_schedule %}

intervals as (
    select
        id,
        name,
        time_zone,
        start_time,
        end_time,
        _fivetran_deleted
    from {{ source('zendesk', 'schedule') }}
),

left_out_intervals as (
    select
        'zendesk.schedule' as source_table,
        {{ clean_text('id') }}
        || '|' || {{ clean_text('start_time') }} as source_key,
        'deleted_in_source' as reason,
        {{ cx_platform.raw_row_json([
            'id', 'name', 'time_zone', 'start_time', 'end_time',
            '_fivetran_deleted',
        ]) | indent(8) }} as raw_row
    from intervals
    where {{ clean_enum('_fivetran_deleted') }} in ('true', 't', '1')
),
{%- endif %}
{%- if has_holiday %}

holidays as (
    select
        id,
        schedule_id,
        name,
        start_date,
        end_date,
        _fivetran_deleted
    from {{ source('zendesk', 'schedule_holiday') }}
),

left_out_holidays as (
    select
        'zendesk.schedule_holiday' as source_table,
        {{ clean_text('id') }} as source_key,
        'deleted_in_source' as reason,
        {{ cx_platform.raw_row_json([
            'id', 'schedule_id', 'name', 'start_date', 'end_date',
            '_fivetran_deleted',
        ]) | indent(8) }} as raw_row
    from holidays
    where {{ clean_enum('_fivetran_deleted') }} in ('true', 't', '1')
),
{%- endif %}

final as (
    select * from left_out_tickets
    union all
    select * from left_out_comments
    union all
    select * from left_out_changes
    {%- if has_assignment %}
    union all
    select * from left_out_assignments
    {%- endif %}
    {%- if has_schedule %}
    union all
    select * from left_out_intervals
    {%- endif %}
    {%- if has_holiday %}
    union all
    select * from left_out_holidays
    {%- endif %}
)

select * from final
