with

validated as (
    select * from {{ ref('base_surveys__questions') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_survey_questions') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
