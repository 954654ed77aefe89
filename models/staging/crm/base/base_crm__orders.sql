{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='order_id',
    on_schema_change='fail',
) }}
{%- set extra_keys = keys_of_reloaded_parents(
    'order_id', 'customer_id', ref('base_crm__customers')
) -%}
{%- set scope = raw_scope(
    'crm', 'raw_orders', 'order_id', 'order_id', extra_keys
) -%}

-- depends_on: {{ ref('stg_crm__customers') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_orders', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_orders') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
