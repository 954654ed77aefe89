{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='order_id',
    on_schema_change='fail',
) }}
{%- set extra_keys -%}
        select changed.order_id
        from {{ this }} as changed
        where changed.customer_id in (
            select customers.customer_id
            from {{ ref('base_crm__customers') }} as customers
            where customers.cx_batch > (
                select max(loaded.cx_batch) from {{ this }} as loaded
            )
        )
{%- endset -%}
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
