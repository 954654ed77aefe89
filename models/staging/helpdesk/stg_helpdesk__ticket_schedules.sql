with

validated as (
    select * from {{ ref('base_helpdesk__ticket_schedules') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_ticket_schedules') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
