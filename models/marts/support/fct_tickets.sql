with

tickets as (
    select
        ticket_id,
        channel,
        priority
    from {{ ref('stg_helpdesk__tickets') }}
),

milestones as (
    select * from {{ ref('int_ticket_milestones') }}
),

customer_keys as (
    select
        source_key as ticket_id,
        customer_key
    from {{ ref('int_customer_references_resolved') }}
    where source_table = 'raw_tickets'
),

waits as (
    select
        ticket_id,
        sum(
            case when status in ('open', 'on_hold') then calendar_seconds end
        ) as requester_wait_seconds,
        sum(
            case when status in ('open', 'on_hold') then business_seconds end
        ) as requester_wait_business_seconds,
        sum(case when status = 'pending' then calendar_seconds end)
            as agent_wait_seconds,
        sum(case when status = 'pending' then business_seconds end)
            as agent_wait_business_seconds
    from {{ ref('int_ticket_status_segments') }}
    group by 1
),

sla_targets as (
    select
        priority,
        first_response_target_business_minutes,
        resolution_target_business_minutes
    from {{ ref('sla_targets') }}
),

calendar as (
    select * from {{ ref('int_business_calendar') }}
),

as_of as (
    select as_of_end_at from {{ ref('int_as_of_date') }}
),

timed as (
    select
        tickets.ticket_id,
        customer_keys.customer_key,
        tickets.channel,
        tickets.priority,
        milestones.agent_replies,
        milestones.reopen_count,
        milestones.solved_count,
        milestones.agent_handle_seconds,
        milestones.is_resolved,
        milestones.created_at,
        milestones.first_response_at,
        milestones.first_resolved_at,
        milestones.resolved_at,
        {{ seconds_between(
            'milestones.created_at', 'milestones.first_response_at'
        ) }}
            as first_response_seconds,
        {{ business_seconds_between(
            'milestones.created_at', 'milestones.first_response_at',
            'created_day', 'first_response_day'
        ) }} as first_response_business_seconds,
        {{ seconds_between(
            'milestones.created_at', 'milestones.first_resolved_at'
        ) }}
            as first_resolution_seconds,
        {{ business_seconds_between(
            'milestones.created_at', 'milestones.first_resolved_at',
            'created_day', 'first_resolved_day'
        ) }} as first_resolution_business_seconds,
        {{ seconds_between('milestones.created_at', 'milestones.resolved_at') }}
            as full_resolution_seconds,
        {{ business_seconds_between(
            'milestones.created_at', 'milestones.resolved_at',
            'created_day', 'resolved_day'
        ) }} as full_resolution_business_seconds,
        {{ business_seconds_between(
            'milestones.created_at', 'as_of.as_of_end_at',
            'created_day', 'as_of_day'
        ) }} as elapsed_business_seconds_at_as_of,
        case
            when milestones.is_resolved
                then coalesce(waits.requester_wait_seconds, 0.0)
        end as requester_wait_seconds,
        case
            when milestones.is_resolved
                then coalesce(waits.requester_wait_business_seconds, 0.0)
        end as requester_wait_business_seconds,
        case
            when milestones.is_resolved
                then coalesce(waits.agent_wait_seconds, 0.0)
        end as agent_wait_seconds,
        case
            when milestones.is_resolved
                then coalesce(waits.agent_wait_business_seconds, 0.0)
        end as agent_wait_business_seconds,
        sla_targets.first_response_target_business_minutes,
        sla_targets.resolution_target_business_minutes
    from tickets
    inner join milestones
        on tickets.ticket_id = milestones.ticket_id
    cross join as_of
    left join customer_keys
        on tickets.ticket_id = customer_keys.ticket_id
    left join waits
        on tickets.ticket_id = waits.ticket_id
    left join sla_targets
        on tickets.priority = sla_targets.priority
    left join calendar as created_day
        on
            {{ business_local_date('milestones.created_at') }}
            = created_day.local_date
    left join calendar as first_response_day
        on
            {{ business_local_date('milestones.first_response_at') }}
            = first_response_day.local_date
    left join calendar as first_resolved_day
        on
            {{ business_local_date('milestones.first_resolved_at') }}
            = first_resolved_day.local_date
    left join calendar as resolved_day
        on
            {{ business_local_date('milestones.resolved_at') }}
            = resolved_day.local_date
    left join calendar as as_of_day
        on
            {{ business_local_date('as_of.as_of_end_at') }}
            = as_of_day.local_date
),

final as (
    select
        ticket_id,
        customer_key,
        channel,
        priority,
        {{ sla_state(
            'first_response_business_seconds',
            'first_response_target_business_minutes',
            'elapsed_business_seconds_at_as_of'
        ) }} as first_response_sla,
        {{ sla_state(
            'full_resolution_business_seconds',
            'resolution_target_business_minutes',
            'elapsed_business_seconds_at_as_of'
        ) }} as resolution_sla,
        first_response_seconds / 60.0 as first_response_minutes,
        first_response_business_seconds / 60.0
            as first_response_business_minutes,
        first_resolution_seconds / 60.0 as first_resolution_minutes,
        first_resolution_business_seconds / 60.0
            as first_resolution_business_minutes,
        full_resolution_seconds / 60.0 as full_resolution_minutes,
        full_resolution_business_seconds / 60.0
            as full_resolution_business_minutes,
        requester_wait_seconds / 60.0 as requester_wait_minutes,
        requester_wait_business_seconds / 60.0
            as requester_wait_business_minutes,
        agent_wait_seconds / 60.0 as agent_wait_minutes,
        agent_wait_business_seconds / 60.0 as agent_wait_business_minutes,
        cast(agent_replies as bigint) as agent_replies,
        cast(reopen_count as bigint) as reopen_count,
        cast(agent_handle_seconds as {{ cx_type_double() }})
            as agent_handle_seconds,
        is_resolved,
        solved_count > 0 as has_been_solved,
        reopen_count > 0 as has_been_reopened,
        is_resolved and agent_replies = 1 and reopen_count = 0 as is_one_touch,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date)
            as created_month,
        created_at,
        first_response_at,
        first_resolved_at,
        resolved_at
    from timed
)

select * from final
