{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='customer_id',
    on_schema_change='fail',
) }}
{%- set scope = raw_scope(
    'crm', 'raw_customers', 'customer_id', 'customer_id'
) -%}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_customers', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_customers') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
