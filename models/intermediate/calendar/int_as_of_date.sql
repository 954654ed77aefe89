{{ config(materialized="table") }}

-- The single evaluation date of the warehouse (docs/metrics.md:
-- conventions): the var as_of_date,
-- or by default the latest UTC date of any kept timestamp of orders,
-- responses, invitations, tickets and events; never the machine's clock.
with

latest_timestamps as (
    select max(ordered_at) as latest_at from {{ ref('stg_crm__orders') }}
    union all
    select max(responded_at) as latest_at
    from {{ ref('stg_surveys__responses') }}
    union all
    select max(sent_at) as latest_at from {{ ref('stg_surveys__invitations') }}
    union all
    select max(created_at) as latest_at from {{ ref('stg_helpdesk__tickets') }}
    union all
    select max(event_at) as latest_at
    from {{ ref('stg_helpdesk__ticket_events') }}
),

as_of as (
    select
        coalesce(
            {{ as_of_date_literal() }},
            cast(max(latest_at) as date)
        ) as as_of_date,
        max(latest_at) as latest_kept_at
    from latest_timestamps
),

-- "at as_of" means the end of that date: the first instant of the next day
final as (
    select
        as_of_date,
        latest_kept_at,
        cast(
            {{ dbt.dateadd('day', 1, 'as_of_date') }}
            as {{ dbt.type_timestamp() }}
        ) as as_of_end_at
    from as_of
)

select * from final
