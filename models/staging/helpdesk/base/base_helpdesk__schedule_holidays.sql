{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='schedule_holiday_key',
    on_schema_change='fail',
) }}
{%- set extra_keys = keys_of_reloaded_parents(
    'schedule_holiday_key', 'schedule_id', ref('base_helpdesk__schedules')
) -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_schedule_holidays',
    ['schedule_id', 'start_date'],
    'schedule_holiday_key', extra_keys
) -%}

-- depends_on: {{ ref('stg_helpdesk__schedules') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_schedule_holidays', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_schedule_holidays') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
