{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='ticket_schedule_key',
    on_schema_change='fail',
) }}
{%- set extra_keys -%}
{{ keys_of_reloaded_parents(
    'ticket_schedule_key', 'ticket_id', ref('base_helpdesk__tickets')
) }}
union
{{ keys_of_reloaded_parents(
    'ticket_schedule_key', 'schedule_id', ref('base_helpdesk__schedules')
) }}
{%- endset -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_ticket_schedules',
    ['ticket_id', 'valid_from'],
    'ticket_schedule_key', extra_keys
) -%}

-- depends_on: {{ ref('stg_helpdesk__tickets') }}
-- depends_on: {{ ref('stg_helpdesk__schedules') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_ticket_schedules', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_ticket_schedules') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
