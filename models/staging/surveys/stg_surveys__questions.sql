with

validated as (
    select * from {{ ref('base_surveys__questions') }}
),

staged as (
    select
        question_id,
        metric,
        question_text,
        cast(scale_min as integer) as scale_min,
        cast(scale_max as integer) as scale_max,
        is_higher_better
    from validated
    where rejection_reason is null
)

select * from staged
