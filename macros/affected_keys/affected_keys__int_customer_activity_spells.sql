{% macro affected_keys__int_customer_activity_spells() -%}
    -- records whose person may have changed (a record that left a person
    -- or was rejected is among them by its own id, which is its old key
    -- when it was canonical; otherwise its old key's record shares its
    -- e-mail and was rewritten too)
    select changed.customer_id as customer_key
    from ({{ changed_customer_records() }}) as changed
    union
    select resolved.customer_key
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.cx_batch > {{ cx_platform.processed_batch() }}
    union
    select resolved.customer_key
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.customer_id in (
        select orders.customer_id
        from {{ cx_platform.with_replaced_rows(
            ref('base_crm__orders')
        ) }} as orders
        where orders.cx_batch > {{ cx_platform.processed_batch() }}
    )
{%- endmacro %}
