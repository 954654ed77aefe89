{%- set raw_columns = [
    'invitation_id', 'customer_id', 'question_id', 'touchpoint', 'channel',
    'sent_at', 'ticket_id', 'order_id',
] -%}

with

source as (
    select * from {{ cx_raw_source('surveys', 'raw_survey_invitations') }}
),

questions as (
    select question_id from {{ ref('stg_surveys__questions') }}
),

cleaned as (
    select
        {{ clean_text('invitation_id') }} as invitation_id,
        {{ clean_text('customer_id') }} as customer_id,
        {{ clean_text('question_id') }} as question_id,
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('order_id') }} as order_id,
        {{ clean_enum('touchpoint') }} as touchpoint,
        {{ clean_enum('channel') }} as channel,
        {{ parse_iso_timestamp('sent_at') }} as sent_at,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('invitation_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        keyed.invitation_id,
        keyed.customer_id,
        keyed.question_id,
        keyed.ticket_id,
        keyed.order_id,
        keyed.touchpoint,
        keyed.channel,
        keyed.raw_row,
        keyed.sent_at,
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
)

select * from assessed
