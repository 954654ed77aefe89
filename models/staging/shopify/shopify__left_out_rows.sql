-- The Shopify rows the adapter leaves out of the raw contract on purpose,
-- each with its reason (var orders_source = 'shopify'; docs/shopify.md):
-- orders and customers deleted in Shopify (deleted_in_source) and test
-- orders (test_order). audit_rejected_rows lists them beside the contract's
-- rejections, so no Shopify row is dropped unseen.
with

orders as (
    select
        id,
        customer_id,
        financial_status,
        total_price,
        test,
        _fivetran_deleted
    from {{ source('shopify', 'order') }}
),

customers as (
    select
        id,
        email,
        _fivetran_deleted
    from {{ source('shopify', 'customer') }}
),

left_out_orders as (
    select
        'shopify.order' as source_table,
        {{ clean_text('id') }} as source_key,
        case
            when {{ clean_enum('_fivetran_deleted') }} in ('true', 't', '1')
                then 'deleted_in_source'
            else 'test_order'
        end as reason,
        {{ cx_platform.raw_row_json(['id', 'customer_id', 'financial_status',
                         'total_price', 'test', '_fivetran_deleted']) }}
            as raw_row
    from orders
    where
        {{ clean_enum('_fivetran_deleted') }} in ('true', 't', '1')
        or {{ clean_enum('test') }} in ('true', 't', '1')
),

left_out_customers as (
    select
        'shopify.customer' as source_table,
        {{ clean_text('id') }} as source_key,
        'deleted_in_source' as reason,
        {{ cx_platform.raw_row_json(['id', 'email', '_fivetran_deleted']) }}
            as raw_row
    from customers
    where {{ clean_enum('_fivetran_deleted') }} in ('true', 't', '1')
),

final as (
    select * from left_out_orders
    union all
    select * from left_out_customers
)

select * from final
