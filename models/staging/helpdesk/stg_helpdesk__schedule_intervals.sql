with

validated as (
    select * from {{ ref('base_helpdesk__schedule_intervals') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_schedule_intervals') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
