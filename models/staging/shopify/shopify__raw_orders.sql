-- raw_orders of the raw contract, mapped from Shopify as Fivetran lands it
-- (var orders_source = 'shopify'; the rules are in _shopify__models.yml and
-- docs/shopify.md). Every value is text, as the contract reads it;
-- base_crm__orders validates these rows like any other raw rows (a
-- financial status the mapping does not name reaches it as written and is
-- rejected as unknown_value). Test orders and orders deleted in Shopify are
-- left out here and audited in shopify__left_out_rows.
with

orders as (
    select
        id,
        customer_id,
        email,
        created_at,
        processed_at,
        cancelled_at,
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
        created_at,
        _fivetran_deleted
    from {{ source('shopify', 'customer') }}
),

transactions as (
    select
        order_id,
        kind,
        status,
        amount
    from {{ source('shopify', 'transaction') }}
),

kept as (
    select *
    from orders
    where
        coalesce({{ clean_enum('_fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
        and coalesce({{ clean_enum('test') }}, 'false')
        not in ('true', 't', '1')
),

refunded as (
    -- money actually returned: successful refund transactions only (a
    -- failed or pending refund returned nothing), summed exactly
    select
        {{ clean_text('order_id') }} as order_id,
        sum(
            {{ cx_platform.parse_exact_decimal(clean_text('amount')) }}
        ) as refunded_amount
    from transactions
    where
        {{ clean_enum('kind') }} = 'refund'
        and {{ clean_enum('status') }} = 'success'
    group by 1
),

customers_by_email as (
    -- for a guest checkout: the customer with the order's e-mail, the
    -- earliest created (ties: the smallest id), as identity resolution
    -- picks the canonical record
    select
        {{ normalize_email('email') }} as email_normalized,
        {{ clean_text('id') }} as customer_id,
        row_number() over (
            partition by {{ normalize_email('email') }}
            order by created_at asc nulls last, {{ clean_text('id') }} asc
        ) as email_rank
    from customers
    where
        {{ normalize_email('email') }} is not null
        and coalesce({{ clean_enum('_fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
),

priced as (
    select
        kept.*,
        {{ cx_platform.parse_exact_decimal(clean_text('kept.total_price')) }}
            as total_price_exact,
        coalesce(refunded.refunded_amount, 0) as refunded_amount
    from kept
    left join refunded
        on {{ clean_text('kept.id') }} = refunded.order_id
),

final as (
    select
        {{ clean_text('priced.id') }} as order_id,
        coalesce(
            {{ clean_text('priced.customer_id') }},
            customers_by_email.customer_id
        ) as customer_id,
        coalesce(
            {{ clean_text('priced.processed_at') }},
            {{ clean_text('priced.created_at') }}
        ) as ordered_at,
        -- total price less successful refunds, exact; a total that is not
        -- a number is passed on as written (rejected as bad_number)
        case
            when priced.total_price_exact is null
                then {{ clean_text('priced.total_price') }}
            else
                {{ cx_platform.decimal_text(
                    'priced.total_price_exact - priced.refunded_amount'
                ) }}
        end as amount,
        case
            when {{ clean_text('priced.cancelled_at') }} is not null
                then 'cancelled'
            when
                {{ clean_enum('priced.financial_status') }}
                in ('paid', 'partially_refunded')
                then 'completed'
            when {{ clean_enum('priced.financial_status') }} = 'refunded'
                then 'refunded'
            -- pending, authorized, voided, ...: as written, for the
            -- contract to reject as unknown_value
            else {{ clean_text('priced.financial_status') }}
        end as status
    from priced
    left join customers_by_email
        on
            {{ normalize_email('priced.email') }}
            = customers_by_email.email_normalized
            and customers_by_email.email_rank = 1
            and {{ clean_text('priced.customer_id') }} is null
)

select * from final
