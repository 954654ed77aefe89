{% macro resolved_customer_key(with_email=true) -%}
    {%- if with_email -%}
        coalesce(customer_by_id.customer_key, customer_by_email.customer_key)
    {%- else -%}
        customer_by_id.customer_key
    {%- endif -%}
{%- endmacro %}
