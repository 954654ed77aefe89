{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='ticket_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_tickets') -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_tickets', 'ticket_id', 'ticket_id'
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('ticket_id') }} as ticket_id,
{{ clean_text('customer_id') }} as customer_id,
{{ clean_text('requester_email') }} as requester_email,
{{ clean_enum('channel') }} as channel,
{{ clean_enum('priority') }} as priority,
{{ clean_text('subject') }} as subject,
{{ parse_iso_timestamp('created_at') }} as created_at
{%- endset -%}

with

{{ scope.ctes }}
repeated_keys as (
    {{ repeated_keys(raw, 'ticket_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'ticket_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        *,
        coalesce(
            key_rejection,
            case
                when not {{ plausible_instant('created_at') }}
                    then 'bad_timestamp'
            end
        ) as rejection_reason
    from keyed
),

final as (
    select
        ticket_id,
        customer_id,
        requester_email,
        channel,
        priority,
        subject,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        created_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
