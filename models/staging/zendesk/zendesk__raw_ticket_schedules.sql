-- raw_ticket_schedules of the raw contract, mapped from Fivetran's Zendesk
-- `ticket_schedule` table (var tickets_source = 'zendesk'; rules in
-- _zendesk__models.yml and docs/zendesk.md): the
-- ticket is on schedule_id from created_at (valid_from) until its next
-- row. The rows of deleted tickets are left out, as the tickets are.
-- Without a `ticket_schedule` table in zendesk_schema the model is empty
-- and raw_source reads raw_ticket_schedules as without the adapter
-- instead.
{%- set present = cx_platform.adapter_table_present(
    'zendesk', 'ticket_schedule'
) %}
{%- if present %}

with

ticket_schedules as (
    select
        ticket_id,
        schedule_id,
        created_at
    from {{ source('zendesk', 'ticket_schedule') }}
),

tickets as (
    select
        id,
        status
    from {{ source('zendesk', 'ticket') }}
),

deleted_tickets as (
    select {{ clean_text('id') }} as ticket_id
    from tickets
    where {{ clean_enum('status') }} = 'deleted'
),

final as (
    select
        {{ clean_text('ticket_schedules.ticket_id') }} as ticket_id,
        {{ clean_text('ticket_schedules.schedule_id') }} as schedule_id,
        {{ clean_text('ticket_schedules.created_at') }} as valid_from
    from ticket_schedules
    left join deleted_tickets
        on
            {{ clean_text('ticket_schedules.ticket_id') }}
            = deleted_tickets.ticket_id
    -- a deleted ticket's assignments go with it
    where deleted_tickets.ticket_id is null
)

select * from final
{%- else %}

-- no `ticket_schedule` table in zendesk_schema: no rows
select *
from {{ cx_platform.empty_raw_table(
    'raw_ticket_schedules', source_file=false
) }} as nothing
{%- endif %}
