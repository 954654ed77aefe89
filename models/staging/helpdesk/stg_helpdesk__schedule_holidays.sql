with

validated as (
    select * from {{ ref('base_helpdesk__schedule_holidays') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_schedule_holidays') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
