{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='question_id',
    on_schema_change='fail',
) }}
{%- set raw_columns = cx_contract_columns('raw_survey_questions') -%}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_questions', 'question_id', 'question_id'
) -%}
{%- set raw = scope.relation -%}
{%- set cleaned_columns -%}
{{ clean_text('question_id') }} as question_id,
{{ clean_enum('metric') }} as metric,
{{ clean_text('question_text') }} as question_text,
{{ parse_exact_decimal(clean_text('scale_min')) }} as scale_min,
{{ parse_exact_decimal(clean_text('scale_max')) }} as scale_max,
case
    when
        {{ clean_enum('higher_is_better') }}
        in ('true', 't', '1', 'yes', 'y')
        then true
    when
        {{ clean_enum('higher_is_better') }}
        in ('false', 'f', '0', 'no', 'n')
        then false
end as is_higher_better
{%- endset -%}

with

{{ scope.ctes }}
repeated_keys as (
    {{ repeated_keys(raw, 'question_id') }}
),

keyed as (
    {{ key_checked_rows(
        raw, 'question_id', 'repeated_keys', cleaned_columns, raw_columns
    ) }}
),

assessed as (
    select
        *,
        coalesce(
            key_rejection,
            case
                when scale_min is null or scale_max is null then 'bad_number'
                when
                    metric is null
                    or metric not in ('nps', 'csat', 'ces')
                    or is_higher_better is null
                    then 'unknown_value'
                -- the supported scales of the raw contract, nothing else
                when not (
                    (
                        metric = 'nps' and scale_min = 0 and scale_max = 10
                        and is_higher_better
                    )
                    or (
                        metric = 'csat' and is_higher_better
                        and (
                            (scale_min = 1 and scale_max in (5, 7))
                            or (scale_min = 0 and scale_max = 1)
                        )
                    )
                    or (
                        metric = 'ces' and scale_min = 1
                        and (
                            (scale_max = 7 and is_higher_better)
                            or (scale_max = 5 and not is_higher_better)
                        )
                    )
                ) then 'unsupported_scale'
            end
        ) as rejection_reason
    from keyed
),

final as (
    select
        question_id,
        metric,
        question_text,
        {{ rejected_raw_row(raw_columns) }} as raw_row,
        scale_min,
        scale_max,
        is_higher_better,
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
