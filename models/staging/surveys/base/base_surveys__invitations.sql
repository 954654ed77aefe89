{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='invitation_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_survey_invitations') -%}
{%- set extra_keys -%}
        select changed.invitation_id
        from {{ this }} as changed
        where changed.question_id in (
            select questions.question_id
            from {{ ref('base_surveys__questions') }} as questions
            where questions.cx_batch > (
                select max(loaded.cx_batch) from {{ this }} as loaded
            )
        )
{%- endset -%}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_invitations', 'invitation_id', 'invitation_id', extra_keys
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('invitation_id') }} as invitation_id,
{{ clean_text('customer_id') }} as customer_id,
{{ clean_text('question_id') }} as question_id,
{{ clean_text('ticket_id') }} as ticket_id,
{{ clean_text('order_id') }} as order_id,
{{ clean_enum('touchpoint') }} as touchpoint,
{{ clean_enum('channel') }} as channel,
{{ parse_iso_timestamp('sent_at') }} as sent_at
{%- endset -%}

with

{{ scope.ctes }}
questions as (
    select question_id from {{ ref('stg_surveys__questions') }}
),

repeated_keys as (
    {{ repeated_keys(raw, 'invitation_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'invitation_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        keyed.*,
        coalesce(
            keyed.key_rejection,
            case
                when not {{ plausible_instant('keyed.sent_at') }}
                    then 'bad_timestamp'
                when questions.question_id is null then 'unknown_question'
            end
        ) as rejection_reason
    from keyed
    left join questions
        on keyed.question_id = questions.question_id
),

final as (
    select
        invitation_id,
        customer_id,
        question_id,
        ticket_id,
        order_id,
        touchpoint,
        channel,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        sent_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
