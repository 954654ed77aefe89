{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='event_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_ticket_events') -%}
{%- set extra_keys -%}
        select changed.event_id
        from {{ this }} as changed
        where changed.ticket_id in (
            select tickets.ticket_id
            from {{ ref('base_helpdesk__tickets') }} as tickets
            where tickets.cx_batch > (
                select max(loaded.cx_batch) from {{ this }} as loaded
            )
        )
{%- endset -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_ticket_events', 'event_id', 'event_id', extra_keys
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('event_id') }} as event_id,
{{ clean_text('ticket_id') }} as ticket_id,
{{ clean_text('agent_id') }} as agent_id,
{{ clean_enum('actor_type') }} as actor_type,
{{ clean_enum('event_type') }} as event_type,
{{ clean_text('handle_seconds') }} as handle_seconds_text,
{{ parse_exact_decimal(clean_text('handle_seconds')) }} as handle_seconds_exact,
{{ parse_iso_timestamp('event_at') }} as event_at
{%- endset -%}

with

{{ scope.ctes }}
tickets as (
    select
        ticket_id,
        created_at
    from {{ ref('stg_helpdesk__tickets') }}
),

repeated_keys as (
    {{ repeated_keys(raw, 'event_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'event_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        keyed.*,
        coalesce(
            keyed.key_rejection,
            case
                when not {{ plausible_instant('keyed.event_at') }}
                    then 'bad_timestamp'
                -- not a number, or a negative duration
                when
                    keyed.handle_seconds_text is not null
                    and (
                        keyed.handle_seconds_exact is null
                        or keyed.handle_seconds_exact < 0
                    )
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
),

final as (
    select
        event_id,
        ticket_id,
        agent_id,
        actor_type,
        event_type,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        -- exactly as written, never rounded (decimal(38, 18))
        handle_seconds_exact as handle_seconds,
        event_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
