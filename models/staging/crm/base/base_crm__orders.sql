{%- set raw_columns = [
    'order_id', 'customer_id', 'ordered_at', 'amount', 'status',
] -%}

with

source as (
    select * from {{ cx_raw_source('crm', 'raw_orders') }}
),

customers as (
    select customer_id from {{ ref('stg_crm__customers') }}
),

cleaned as (
    select
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_enum('status') }} as status,
        {{ cx_safe_cast(clean_text('amount'), 'decimal(18, 2)') }} as amount,
        {{ parse_iso_timestamp('ordered_at') }} as ordered_at,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('order_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        keyed.order_id,
        keyed.customer_id,
        keyed.status,
        keyed.raw_row,
        keyed.amount,
        keyed.ordered_at,
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
)

select * from assessed
