{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='response_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_survey_responses') -%}
{%- set extra_keys -%}
        select changed.response_id
        from {{ this }} as changed
        where changed.question_id in (
            select questions.question_id
            from {{ ref('base_surveys__questions') }} as questions
            where questions.cx_batch > (
                select max(loaded.cx_batch) from {{ this }} as loaded
            )
        )
        union
        -- another answer to the same invitation and question arrives
        select changed.response_id
        from {{ this }} as changed
        inner join (
            select distinct
                {{ clean_text('new_rows.invitation_id') }} as invitation_id,
                {{ clean_text('new_rows.question_id') }} as question_id
            from __new_raw_rows__ as new_rows
        ) as answered
            on
                changed.invitation_id = answered.invitation_id
                and changed.question_id = answered.question_id
{%- endset -%}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_responses', 'response_id', 'response_id', extra_keys
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('response_id') }} as response_id,
{{ clean_text('invitation_id') }} as invitation_id,
{{ clean_text('question_id') }} as question_id,
{{ clean_text('customer_id') }} as customer_id,
{{ clean_text('customer_email') }} as customer_email,
{{ clean_enum('touchpoint') }} as touchpoint,
{{ clean_enum('channel') }} as channel,
{{ clean_text('comment') }} as comment,
{{ parse_exact_decimal(clean_text('score')) }} as score_number,
{{ parse_iso_timestamp('responded_at') }} as responded_at
{%- endset -%}

with

{{ scope.ctes }}
questions as (
    select
        question_id,
        scale_min,
        scale_max
    from {{ ref('stg_surveys__questions') }}
),

repeated_keys as (
    {{ repeated_keys(raw, 'response_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'response_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        keyed.*,
        coalesce(
            keyed.key_rejection,
            case
                when not {{ plausible_instant('keyed.responded_at') }}
                    then 'bad_timestamp'
                when questions.question_id is null then 'unknown_question'
                when
                    keyed.score_number is null
                    or keyed.score_number <> floor(keyed.score_number)
                    then 'score_not_integer'
                when
                    keyed.score_number < questions.scale_min
                    or keyed.score_number > questions.scale_max
                    then 'score_out_of_scale'
            end
        ) as fault
    from keyed
    left join questions
        on keyed.question_id = questions.question_id
),

-- Several answers to one invitation and question: the latest wins (ties:
-- the greatest response_id); only otherwise valid answers compete.
ranked as (
    select
        *,
        case
            when fault is null and invitation_id is not null
                then row_number() over (
                    partition by fault, invitation_id, question_id
                    order by responded_at desc, response_id desc
                )
        end as answer_rank
    from assessed
),

reasoned as (
    select
        *,
        coalesce(
            fault,
            case when answer_rank > 1 then 'superseded' end
        ) as rejection_reason
    from ranked
),

final as (
    select
        response_id,
        invitation_id,
        question_id,
        customer_id,
        customer_email,
        touchpoint,
        channel,
        comment,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        {{ cx_safe_cast("score_number", "integer") }} as score,
        responded_at,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from reasoned
)

select * from final
