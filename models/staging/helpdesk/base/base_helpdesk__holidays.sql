{%- set raw_columns = ['holiday_date', 'name'] -%}

with

source as (
    select * from {{ cx_raw_source('helpdesk', 'raw_holidays') }}
),

cleaned as (
    select
        {{ clean_text('holiday_date') }} as holiday_key,
        {{ clean_text('name') }} as holiday_name,
        {{ parse_iso_date('holiday_date') }} as holiday_date,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('holiday_key') }} as key_rejection
    from cleaned
),

assessed as (
    select
        holiday_key,
        holiday_name,
        raw_row,
        holiday_date,
        coalesce(
            key_rejection,
            case when holiday_date is null then 'bad_timestamp' end
        ) as rejection_reason
    from keyed
)

select * from assessed
