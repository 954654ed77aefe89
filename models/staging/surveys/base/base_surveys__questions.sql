{%- set raw_columns = [
    'question_id', 'metric', 'question_text', 'scale_min', 'scale_max',
    'higher_is_better',
] -%}

with

source as (
    select * from {{ cx_raw_source('surveys', 'raw_survey_questions') }}
),

cleaned as (
    select
        {{ clean_text('question_id') }} as question_id,
        {{ clean_enum('metric') }} as metric,
        {{ clean_text('question_text') }} as question_text,
        {{ cx_safe_cast(clean_text('scale_min'), 'decimal(18, 6)') }}
            as scale_min,
        {{ cx_safe_cast(clean_text('scale_max'), 'decimal(18, 6)') }}
            as scale_max,
        case
            when
                {{ clean_enum('higher_is_better') }}
                in ('true', 't', '1', 'yes', 'y')
                then true
            when
                {{ clean_enum('higher_is_better') }}
                in ('false', 'f', '0', 'no', 'n')
                then false
        end as is_higher_better,
        {{ row_hash(raw_columns) }} as row_fingerprint,
        {{ raw_row_json(raw_columns) }} as raw_row
    from source
),

keyed as (
    select
        *,
        {{ key_status('question_id') }} as key_rejection
    from cleaned
),

assessed as (
    select
        question_id,
        metric,
        question_text,
        raw_row,
        scale_min,
        scale_max,
        is_higher_better,
        coalesce(
            key_rejection,
            case
                when scale_min is null or scale_max is null then 'bad_number'
                when
                    metric is null
                    or metric not in ('nps', 'csat', 'ces')
                    or is_higher_better is null
                    then 'unknown_value'
                -- the scales of SPEC §1, nothing else
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
)

select * from assessed
