-- raw_customers of the raw contract, mapped from Shopify as Fivetran lands
-- it (var orders_source = 'shopify'; the rules are in _shopify__models.yml
-- and docs/shopify.md). Every value is text, as the contract reads it;
-- base_crm__customers validates these rows like any other raw rows.
-- Customers deleted in Shopify are left out here and audited in
-- shopify__left_out_rows.
with

customers as (
    select
        id,
        email,
        created_at,
        _fivetran_deleted
    from {{ source('shopify', 'customer') }}
),

addresses as (
    select
        customer_id,
        country_code,
        is_default
    from {{ source('shopify', 'customer_address') }}
),

kept as (
    select *
    from customers
    where
        coalesce({{ clean_enum('_fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
),

default_countries as (
    -- the country of the default address; a customer whose default
    -- addresses name two countries gets two differing rows, which the
    -- contract rejects as conflicting_key (visibly)
    select distinct
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_text('country_code') }} as country
    from addresses
    where {{ clean_enum('is_default') }} in ('true', 't', '1')
),

final as (
    select
        {{ clean_text('kept.id') }} as customer_id,
        {{ clean_text('kept.email') }} as email,
        {{ clean_text('kept.created_at') }} as signup_at,
        -- Shopify has no customer segment
        cast(null as {{ dbt.type_string() }}) as segment,
        default_countries.country
    from kept
    left join default_countries
        on {{ clean_text('kept.id') }} = default_countries.customer_id
)

select * from final
