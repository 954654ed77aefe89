{% macro changed_customer_records() -%}
    {#- Customer records (customer_id, email_normalized) whose canonical
        customer_key may have changed since this model's last batch: the
        records int_customers_resolved rewrote, and the records that
        changed in staging (a record now rejected is no longer resolved at
        all). A reference to any of them, by id or by e-mail, may resolve
        to another customer now. -#}
    select
        resolved.customer_id,
        resolved.email_normalized
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.cx_batch > {{ cx_platform.processed_batch() }}
    union
    select
        records.customer_id,
        records.email_normalized
    from {{ cx_platform.with_replaced_rows(
        ref('base_crm__customers')
    ) }} as records
    where records.cx_batch > {{ cx_platform.processed_batch() }}
{%- endmacro %}
