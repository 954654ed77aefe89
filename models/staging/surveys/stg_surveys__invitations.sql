with

validated as (
    select * from {{ ref('base_surveys__invitations') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_survey_invitations') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
