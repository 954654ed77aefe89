{%- set raw_columns = [
    'event_id', 'ticket_id', 'event_at', 'actor_type', 'event_type',
    'agent_id', 'handle_seconds',
] -%}

with

source as (
    select * from {{ cx_raw_source('helpdesk', 'raw_ticket_events') }}
),

tickets as (
    select
        ticket_id,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}
),

cleaned as (
    select
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('agent_id') }} as agent_id,
        {{ clean_enum('actor_type') }} as actor_type,
        {{ clean_enum('event_type') }} as event_type,
        {{ clean_text('handle_seconds') }} as handle_seconds_text,
        {{ cx_safe_cast(clean_text('handle_seconds'), 'decimal(18, 3)') }}
            as handle_seconds,
        {{ parse_iso_timestamp('event_at') }} as event_at,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('event_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        keyed.event_id,
        keyed.ticket_id,
        keyed.agent_id,
        keyed.actor_type,
        keyed.event_type,
        keyed.raw_row,
        keyed.handle_seconds,
        keyed.event_at,
        coalesce(
            keyed.key_rejection,
            case
                when keyed.event_at is null then 'bad_timestamp'
                when
                    keyed.handle_seconds_text is not null
                    and keyed.handle_seconds is null
                    then 'bad_number'
                when
                    keyed.actor_type is null
                    or keyed.actor_type not in ('customer', 'agent', 'system')
                    or keyed.event_type is null
                    or keyed.event_type not in (
                        'message', 'pending', 'on_hold', 'solved', 'reopened'
                    )
                    then 'unknown_value'
                when tickets.ticket_id is null then 'unknown_ticket'
                when keyed.event_at < tickets.created_at
                    then 'event_before_ticket'
            end
        ) as rejection_reason
    from keyed
    left join tickets
        on keyed.ticket_id = tickets.ticket_id
)

select * from assessed
