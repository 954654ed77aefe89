{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='customer_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_customers') -%}
{%- set scope = raw_scope(
    'crm', 'raw_customers', 'customer_id', 'customer_id'
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('customer_id') }} as customer_id,
{{ clean_text('email') }} as email,
{{ normalize_email('email') }} as email_normalized,
{{ clean_enum('segment') }} as segment,
upper({{ clean_text('country') }}) as country,
{{ parse_iso_timestamp('signup_at') }} as signup_at
{%- endset -%}

with

{{ scope.ctes }}
repeated_keys as (
    {{ repeated_keys(raw, 'customer_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'customer_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        *,
        coalesce(
            key_rejection,
            case
                when not {{ plausible_instant('signup_at') }}
                    then 'bad_timestamp'
            end
        ) as rejection_reason
    from keyed
),

final as (
    select
        customer_id,
        email,
        email_normalized,
        segment,
        country,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        signup_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
