with

validated as (
    select * from {{ ref('base_crm__orders') }}
),

staged as (
    select
        {{ cx_staged_columns('raw_orders') | indent(8) }}
    from validated
    where rejection_reason is null
)

select * from staged
