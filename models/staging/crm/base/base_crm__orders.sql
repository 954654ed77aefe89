{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='order_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_orders') -%}
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
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('order_id') }} as order_id,
{{ clean_text('customer_id') }} as customer_id,
{{ clean_enum('status') }} as status,
{{ parse_exact_decimal(clean_text('amount')) }} as amount_exact,
{{ parse_iso_timestamp('ordered_at') }} as ordered_at
{%- endset -%}

with

{{ scope.ctes }}
customers as (
    select customer_id from {{ ref('stg_crm__customers') }}
),

repeated_keys as (
    {{ repeated_keys(raw, 'order_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'order_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        keyed.*,
        coalesce(
            keyed.key_rejection,
            case
                when not {{ plausible_instant('keyed.ordered_at') }}
                    then 'bad_timestamp'
                when keyed.amount_exact is null then 'bad_number'
                when
                    keyed.status is null
                    or keyed.status
                    not in ('completed', 'cancelled', 'refunded')
                    then 'unknown_value'
                when customers.customer_id is null then 'unknown_customer'
                -- exact: -0.001 is negative
                when keyed.amount_exact < 0 then 'negative_amount'
            end
        ) as rejection_reason
    from keyed
    left join customers
        on keyed.customer_id = customers.customer_id
),

final as (
    select
        order_id,
        customer_id,
        status,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        -- exactly as written, never rounded (decimal(38, 18))
        amount_exact as amount,
        ordered_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
