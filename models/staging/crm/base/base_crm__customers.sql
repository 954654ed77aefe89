{%- set raw_columns = [
    'customer_id', 'email', 'signup_at', 'segment', 'country',
] -%}

with

source as (
    select * from {{ cx_raw_source('crm', 'raw_customers') }}
),

cleaned as (
    select
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_text('email') }} as email,
        {{ normalize_email('email') }} as email_normalized,
        {{ clean_enum('segment') }} as segment,
        upper({{ clean_text('country') }}) as country,
        {{ parse_iso_timestamp('signup_at') }} as signup_at,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('customer_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        customer_id,
        email,
        email_normalized,
        segment,
        country,
        raw_row,
        signup_at,
        coalesce(
            key_rejection,
            case when signup_at is null then 'bad_timestamp' end
        ) as rejection_reason
    from keyed
)

select * from assessed
