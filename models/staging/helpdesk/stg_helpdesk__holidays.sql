with

validated as (
    select * from {{ ref('base_helpdesk__holidays') }}
),

staged as (
    select
        holiday_name,
        holiday_date
    from validated
    where rejection_reason is null
)

select * from staged
