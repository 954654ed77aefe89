{%- set raw_columns = [
    'customer_id', 'email', 'signup_at', 'segment', 'country',
] -%}
{%- set raw = cx_raw_source('crm', 'raw_customers') -%}
{%- set cleaned_columns -%}
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_text('email') }} as email,
        {{ normalize_email('email') }} as email_normalized,
        {{ clean_enum('segment') }} as segment,
        upper({{ clean_text('country') }}) as country,
        {{ parse_iso_timestamp('signup_at') }} as signup_at
{%- endset -%}

with

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
            case when signup_at is null then 'bad_timestamp' end
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
        rejection_reason
    from assessed
)

select * from final
