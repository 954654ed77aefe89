with

validated as (
    select * from {{ ref('base_helpdesk__tickets') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_tickets') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
