{%- set raw_columns = [
    'invitation_id', 'customer_id', 'question_id', 'touchpoint', 'channel',
    'sent_at', 'ticket_id', 'order_id',
] -%}
{%- set raw = cx_raw_source('surveys', 'raw_survey_invitations') -%}
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
                when keyed.sent_at is null then 'bad_timestamp'
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
        rejection_reason
    from assessed
)

select * from final
