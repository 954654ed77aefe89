{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='schedule_id',
    on_schema_change='fail',
) }}
{%- set scope = raw_scope(
    'helpdesk', 'raw_schedules', 'schedule_id', 'schedule_id'
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
