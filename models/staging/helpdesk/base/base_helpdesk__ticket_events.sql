{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='event_id',
    on_schema_change='fail',
) }}
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

-- depends_on: {{ ref('stg_helpdesk__tickets') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_ticket_events', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_ticket_events') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
