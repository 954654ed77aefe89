with

validated as (
    select * from {{ ref('base_helpdesk__ticket_events') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_ticket_events') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
