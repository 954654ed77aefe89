{{ config(**incremental_config(
    unique_key='ticket_id', seeds=['sla_targets']
)) }}

{#- The instants a duration may start or end at, and the durations of the
    ticket: each gets its calendar and business microseconds (per instant
    one calendar row and the ticket's schedule joins, ticket_business_clock()
    at both ends). A new time
    metric is one entry in `durations` (plus its minutes column in final). -#}
{%- set instants = {
    'created': 'milestones.created_at',
    'first_response': 'milestones.first_response_at',
    'first_resolved': 'milestones.first_resolved_at',
    'resolved': 'milestones.resolved_at',
    'as_of': 'as_of.as_of_end_at',
} -%}
{%- set durations = {
    'first_response': ('created', 'first_response'),
    'first_resolution': ('created', 'first_resolved'),
    'full_resolution': ('created', 'resolved'),
} %}

-- Incremental: a run recomputes the tickets whose milestones or ticket row
-- changed, the tickets still unanswered or unresolved (their SLA state and
-- elapsed business time move with as_of_date), the tickets whose customer
-- may resolve differently now, and every ticket when a holiday, a business
-- hours var or the SLA targets changed.

with

-- the ticket with its milestones (int_ticket_milestones carries the
-- ticket's own columns)
milestones as (
    select * from {{ ref('int_ticket_milestones') }}
    {% if is_incremental() -%}
    where ticket_id in ({{ affected_keys__fct_tickets() }})
    {%- endif %}
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

schedule_changes as (
    select
        ticket_id,
        count(case when is_schedule_change then 1 end) as schedule_changes
    from {{ ref('int_ticket_schedule_spells') }}
    group by 1
),

timed as (
    select
        milestones.ticket_id,
        {{ resolved_customer_key() }} as customer_key,
        {{ resolved_customer_by() }} as customer_resolved_by,
        milestones.channel,
        milestones.priority,
        milestones.agent_replies,
        milestones.reopen_count,
        milestones.solved_count,
        milestones.agent_handle_seconds,
        milestones.is_resolved,
        milestones.created_at,
        milestones.first_response_at,
        milestones.first_resolved_at,
        milestones.resolved_at,
        {%- for name, ends in durations.items() %}
        {{ microseconds_between(
            instants[ends[0]], instants[ends[1]]
        ) }} as {{ name }}_us,
        {{ ticket_business_us_between(
            instants[ends[0]], instants[ends[1]], ends[0], ends[1]
        ) }} as {{ name }}_business_us,
        {%- endfor %}
        {{ ticket_business_us_between(
            'milestones.created_at', 'as_of.as_of_end_at', 'created', 'as_of'
        ) }} as elapsed_business_us_at_as_of,
        -- the schedule in force at creation (null: the default schedule)
        created_spell.schedule_id,
        coalesce(schedule_changes.schedule_changes, 0) as schedule_changes,
        milestones.requester_wait_us,
        milestones.requester_wait_business_us,
        milestones.agent_wait_us,
        milestones.agent_wait_business_us,
        sla_targets.first_response_target_business_minutes,
        sla_targets.resolution_target_business_minutes
    from milestones
    cross join as_of
    {{ join_customer_keys(
        'milestones.customer_id', 'milestones.requester_email'
    ) }}
    left join sla_targets
        on milestones.priority = sla_targets.priority
    left join schedule_changes
        on milestones.ticket_id = schedule_changes.ticket_id
    {%- for instant, column in instants.items() %}
    left join calendar as {{ instant }}_day
        on {{ business_local_date(column) }} = {{ instant }}_day.local_date
    {{ ticket_clock_joins(instant, column, 'milestones.ticket_id') }}
    {%- endfor %}
),

final as (
    select
        ticket_id,
        customer_key,
        customer_resolved_by,
        channel,
        priority,
        {{ sla_state(
            'first_response_business_us',
            'first_response_target_business_minutes',
            'elapsed_business_us_at_as_of'
        ) }} as first_response_sla,
        {{ sla_state(
            'full_resolution_business_us',
            'resolution_target_business_minutes',
            'elapsed_business_us_at_as_of'
        ) }} as resolution_sla,
        {{ us_to_minutes('first_response_us') }} as first_response_minutes,
        {{ us_to_minutes('first_response_business_us') }}
            as first_response_business_minutes,
        {{ us_to_minutes('first_resolution_us') }} as first_resolution_minutes,
        {{ us_to_minutes('first_resolution_business_us') }}
            as first_resolution_business_minutes,
        {{ us_to_minutes('full_resolution_us') }} as full_resolution_minutes,
        {{ us_to_minutes('full_resolution_business_us') }}
            as full_resolution_business_minutes,
        {{ us_to_minutes('requester_wait_us') }} as requester_wait_minutes,
        {{ us_to_minutes('requester_wait_business_us') }}
            as requester_wait_business_minutes,
        {{ us_to_minutes('agent_wait_us') }} as agent_wait_minutes,
        {{ us_to_minutes('agent_wait_business_us') }}
            as agent_wait_business_minutes,
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
        resolved_at,
        schedule_id,
        cast(schedule_changes as bigint) as schedule_changes
    from timed
)

select * from final
