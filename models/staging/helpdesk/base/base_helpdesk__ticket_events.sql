{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='event_id',
    on_schema_change='fail',
) }}
{%- set extra_keys = keys_of_reloaded_parents(
    'event_id', 'ticket_id', ref('base_helpdesk__tickets')
) -%}
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
