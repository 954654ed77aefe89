{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='schedule_interval_key',
    on_schema_change='fail',
) }}
{#- every row of a schedule must agree on its name and time zone, so an
    incremental run re-validates all loaded rows of a schedule that new
    rows name -#}
{%- set rows_of_named_schedules -%}
select loaded.schedule_interval_key
from {{ this }} as loaded
where loaded.schedule_id in (
    select {{ clean_text('new_rows.schedule_id') }}
    from __new_raw_rows__ as new_rows
)
{%- endset -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_schedules',
    ['schedule_id', 'iso_weekday', 'start_time'],
    'schedule_interval_key', rows_of_named_schedules
) -%}

-- depends_on: {{ ref('time_zones') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_schedules', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_schedules') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
