{{ config(**cx_platform.incremental_config(
    unique_key='ticket_id', seeds=['sla_targets']
)) }}

-- Incremental: a run recomputes the tickets whose milestones or ticket row
-- changed, the tickets still unanswered or unresolved (their SLA state and
-- elapsed business time move with as_of_date), the tickets whose customer
-- may resolve differently now, and every ticket when a holiday, a business
-- hours var or the SLA targets changed.

with

-- the ticket with its milestones and its business clock at each
-- (int_ticket_milestones carries the ticket's own columns)
milestones as (
    select * from {{ ref('int_ticket_milestones') }}
    {% if is_incremental() -%}
    where ticket_id in ({{ affected_keys__fct_tickets() }})
    {%- endif %}
),

customers as (
    select
        customer_id,
        email_normalized,
        is_canonical,
        customer_key
    from {{ ref('int_customers_resolved') }}
),

sla_targets as (
    select
        priority,
        first_response_target_business_minutes,
        resolution_target_business_minutes
    from {{ ref('sla_targets') }}
),

as_of as (
    select
        as_of_end_at,
        {{ business_local_date('as_of_end_at') }} as as_of_local_date
    from {{ ref('int_as_of_date') }}
),

calendar as (
    select
        local_date,
        is_business_day,
        business_seconds,
        cum_business_seconds_before,
        open_utc
    from {{ ref('int_business_calendar') }}
),

schedule_spells as (
    select
        ticket_id,
        schedule_id,
        time_zone,
        valid_from,
        -- the last stretch has no end (null): 9999-12-31 is after every
        -- instant of the calendars, and a plain comparison keeps the join
        -- below a hash join on ticket_id ("is null or" made it a loop)
        coalesce(
            valid_until, cast('9999-12-31' as {{ dbt.type_timestamp() }})
        ) as valid_until,
        clock_offset_us,
        is_schedule_change
    from {{ ref('int_ticket_schedule_spells') }}
),

schedule_calendar as (
    select
        schedule_id,
        local_date,
        segment_start_utc,
        segment_end_utc,
        business_seconds,
        cum_business_seconds_before
    from {{ ref('int_schedule_calendar') }}
),

schedule_changes as (
    select
        ticket_id,
        count(case when is_schedule_change then 1 end) as schedule_changes
    from schedule_spells
    group by 1
),

-- calendar and business microseconds of each duration (the business ones
-- are differences of the ticket's business clock at both ends); and the
-- ticket's clock at as_of_end_at, from: the default calendar's day of
-- as_of; the ticket's stretch on a schedule that holds as_of (none: the
-- default schedule then); that schedule's segment that holds it
timed as (
    select
        milestones.ticket_id,
        coalesce(customer_by_id.customer_key, customer_by_email.customer_key)
            as customer_key,
        case
            when customer_by_id.customer_key is not null then 'customer_id'
            when customer_by_email.customer_key is not null then 'email'
        end as customer_resolved_by,
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
        {{ cx_platform.microseconds_between(
            'milestones.created_at', 'milestones.first_response_at'
        ) }} as first_response_us,
        milestones.first_response_business_clock_us
        - milestones.created_business_clock_us as first_response_business_us,
        {{ cx_platform.microseconds_between(
            'milestones.created_at', 'milestones.first_resolved_at'
        ) }} as first_resolution_us,
        milestones.first_resolved_business_clock_us
        - milestones.created_business_clock_us
            as first_resolution_business_us,
        {{ cx_platform.microseconds_between(
            'milestones.created_at', 'milestones.resolved_at'
        ) }} as full_resolution_us,
        milestones.resolved_business_clock_us
        - milestones.created_business_clock_us as full_resolution_business_us,
        {{ ticket_business_clock(
            'as_of.as_of_end_at', 'as_of_spell', 'as_of_segment', 'as_of_day'
        ) }}
        - milestones.created_business_clock_us as elapsed_business_us_at_as_of,
        milestones.schedule_id,
        coalesce(schedule_changes.schedule_changes, 0) as schedule_changes,
        milestones.requester_wait_us,
        milestones.requester_wait_business_us,
        milestones.agent_wait_us,
        milestones.agent_wait_business_us,
        sla_targets.first_response_target_business_minutes,
        sla_targets.resolution_target_business_minutes
    from milestones
    cross join as_of
    -- identity resolution: the customer_id's record, else the canonical
    -- record of the normalised e-mail
    left join customers as customer_by_id
        on milestones.customer_id = customer_by_id.customer_id
    left join customers as customer_by_email
        on
            milestones.requester_email_normalized
            = customer_by_email.email_normalized
            and customer_by_email.is_canonical
    left join sla_targets
        on milestones.priority = sla_targets.priority
    left join schedule_changes
        on milestones.ticket_id = schedule_changes.ticket_id
    left join calendar as as_of_day
        on as_of.as_of_local_date = as_of_day.local_date
    left join schedule_spells as as_of_spell
        on
            milestones.ticket_id = as_of_spell.ticket_id
            and as_of.as_of_end_at >= as_of_spell.valid_from
            and as_of.as_of_end_at < as_of_spell.valid_until
    left join schedule_calendar as as_of_segment
        on
            as_of_spell.schedule_id = as_of_segment.schedule_id
            and cast(
                {{ cx_platform.utc_to_zone(
                    'as_of.as_of_end_at', 'as_of_spell.time_zone'
                ) }}
                as date
            ) = as_of_segment.local_date
            and as_of.as_of_end_at >= as_of_segment.segment_start_utc
            and as_of.as_of_end_at < as_of_segment.segment_end_utc
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
        cast(agent_handle_seconds as {{ cx_platform.type_double() }})
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
