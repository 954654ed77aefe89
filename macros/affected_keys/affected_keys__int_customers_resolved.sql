{% macro affected_keys__int_customers_resolved(with_loaded=true) -%}
    {#- The changed customer records and every record sharing an e-mail
        with one of them (their person may have a new canonical record);
        with_loaded (the default: the keys the incremental strategy deletes)
        adds the records of this table that share such an e-mail (a record
        that left the e-mail's person). The model recomputes the keys
        without them (with_loaded=false). -#}
    {%- set changed_records -%}
    select
        changed.customer_id,
        changed.email_normalized
    from {{ cx_platform.with_replaced_rows(
        ref('base_crm__customers')
    ) }} as changed
    where changed.cx_batch > {{ cx_platform.processed_batch() }}
    {%- endset %}
    select changed.customer_id from ({{ changed_records }}) as changed
    union
    select records.customer_id
    from {{ ref('stg_crm__customers') }} as records
    where records.email_normalized in (
        select changed.email_normalized from ({{ changed_records }}) as changed
    )
    {%- if with_loaded %}
    union
    select loaded.customer_id
    from {{ this }} as loaded
    where loaded.email_normalized in (
        select changed.email_normalized from ({{ changed_records }}) as changed
    )
    {%- endif %}
{%- endmacro %}
