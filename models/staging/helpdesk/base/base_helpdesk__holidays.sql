{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='holiday_key',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_holidays') -%}
{%- set scope = raw_scope(
    'helpdesk', 'raw_holidays', 'holiday_date', 'holiday_key'
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('holiday_date') }} as holiday_key,
{{ clean_text('name') }} as holiday_name,
{{ parse_iso_date('holiday_date') }} as holiday_date
{%- endset -%}

with

{{ scope.ctes }}
repeated_keys as (
    {{ repeated_keys(raw, 'holiday_date') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'holiday_date', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        *,
        coalesce(
            key_rejection,
            case
                when not {{ plausible_instant('holiday_date') }}
                    then 'bad_timestamp'
            end
        ) as rejection_reason
    from keyed
),

final as (
    select
        holiday_key,
        holiday_name,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        holiday_date,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
