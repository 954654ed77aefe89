{% macro resolved_customer_by(with_email=true) -%}
    case
        when customer_by_id.customer_key is not null then 'customer_id'
        {%- if with_email %}
        when customer_by_email.customer_key is not null then 'email'
        {%- endif %}
    end
{%- endmacro %}
