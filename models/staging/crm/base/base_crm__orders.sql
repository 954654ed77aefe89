{%- set raw_columns = [
    'order_id', 'customer_id', 'ordered_at', 'amount', 'status',
] -%}
{%- set raw = cx_raw_source('crm', 'raw_orders') -%}
{%- set cleaned_columns -%}
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_enum('status') }} as status,
        {{ cx_safe_cast(clean_text('amount'), 'decimal(18, 2)') }} as amount,
        {{ parse_iso_timestamp('ordered_at') }} as ordered_at
{%- endset -%}

with

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
                when keyed.ordered_at is null then 'bad_timestamp'
                when keyed.amount is null then 'bad_number'
                when
                    keyed.status is null
                    or keyed.status
                    not in ('completed', 'cancelled', 'refunded')
                    then 'unknown_value'
                when customers.customer_id is null then 'unknown_customer'
                when keyed.amount < 0 then 'negative_amount'
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
        amount,
        ordered_at,
        rejection_reason
    from assessed
)

select * from final
