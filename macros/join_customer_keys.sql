{% macro join_customer_keys(customer_id, email=none) -%}
    {#- Left joins that resolve a reference to a customer (identity
        resolution, docs/metrics.md) to its canonical customer_key: by
        customer_id first (any staged
        customer record), then by normalised e-mail (the canonical record of
        that e-mail). Use resolved_customer_key() / resolved_customer_by()
        in the select list. Written once here and joined inline by each
        fact, so no fact has to join a table of every reference. -#}
    left join {{ ref('int_customers_resolved') }} as customer_by_id
        on {{ customer_id }} = customer_by_id.customer_id
    {%- if email is not none %}
    left join {{ ref('int_customers_resolved') }} as customer_by_email
        on
            {{ normalize_email(email) }} = customer_by_email.email_normalized
            and customer_by_email.is_canonical
    {%- endif %}
{%- endmacro %}
