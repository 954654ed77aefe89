{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='holiday_key',
    on_schema_change='fail',
) }}
{%- set scope = raw_scope(
    'helpdesk', 'raw_holidays', 'holiday_date', 'holiday_key'
) -%}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_holidays', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_holidays') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
