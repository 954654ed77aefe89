{%- set raw_columns = [
    'ticket_id', 'customer_id', 'requester_email', 'channel', 'priority',
    'created_at', 'subject',
] -%}

with

source as (
    select * from {{ cx_raw_source('helpdesk', 'raw_tickets') }}
),

cleaned as (
    select
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_text('requester_email') }} as requester_email,
        {{ clean_enum('channel') }} as channel,
        {{ clean_enum('priority') }} as priority,
        {{ clean_text('subject') }} as subject,
        {{ parse_iso_timestamp('created_at') }} as created_at,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('ticket_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        ticket_id,
        customer_id,
        requester_email,
        channel,
        priority,
        subject,
        raw_row,
        created_at,
        coalesce(
            key_rejection,
            case when created_at is null then 'bad_timestamp' end
        ) as rejection_reason
    from keyed
)

select * from assessed
