{%- set timings = [
    'first_response_minutes', 'first_response_business_minutes',
    'full_resolution_minutes', 'full_resolution_business_minutes',
    'requester_wait_minutes', 'requester_wait_business_minutes',
] -%}

with

-- the columns the mart reads: engines that materialise a CTE read more than
-- once (DuckDB does) copy only these, not every column of fct_tickets
tickets as (
    select
        created_month,
        channel,
        priority,
        is_resolved,
        is_one_touch,
        has_been_solved,
        has_been_reopened,
        agent_replies,
        {% for t in timings %}
        {{ t }},
        {% endfor %}
        first_response_sla,
        resolution_sla
    from {{ ref('fct_tickets') }}
),

months as (
    select month from {{ ref('int_calendar_months') }}
),

combinations as (
    select
        channel,
        priority,
        min(created_month) as first_month
    from tickets
    group by 1, 2
),

grid as (
    select
        months.month,
        combinations.channel,
        combinations.priority
    from combinations
    inner join months
        on combinations.first_month <= months.month
),

counted as (
    select
        created_month as month,
        channel,
        priority,
        count(*) as tickets_created,
        count(case when is_resolved then 1 end) as tickets_resolved,
        count(case when not is_resolved then 1 end) as tickets_unresolved,
        count(case when is_one_touch then 1 end) as one_touch_resolved,
        count(case when has_been_solved then 1 end) as tickets_solved,
        -- of the tickets solved at least once: a reopened event on a ticket
        -- whose solved event was rejected must not lift reopen % over 100
        count(case when has_been_solved and has_been_reopened then 1 end)
            as tickets_reopened,
        sum(case when is_resolved then agent_replies end)
            as sum_agent_replies_resolved,
        count(first_response_minutes) as tickets_answered,
        {% for t in timings %}
        {{ exact_sum(t) }} as sum_{{ t }},
        count({{ t }}) as count_{{ t }},
        {% endfor %}
        count(case when first_response_sla = 'met' then 1 end)
            as first_response_sla_met,
        count(case when first_response_sla = 'breached' then 1 end)
            as first_response_sla_breached,
        count(case when first_response_sla = 'pending' then 1 end)
            as first_response_sla_pending,
        count(case when resolution_sla = 'met' then 1 end)
            as resolution_sla_met,
        count(case when resolution_sla = 'breached' then 1 end)
            as resolution_sla_breached,
        count(case when resolution_sla = 'pending' then 1 end)
            as resolution_sla_pending
    from tickets
    group by 1, 2, 3
),

-- medians and 90th percentiles by rank (a sort, which spills), not by a
-- holistic aggregate that holds every value in memory
percentiles as (
    {{ percentiles_by_rank(
        'tickets',
        ['created_month', 'channel', 'priority'],
        timings,
        [('median', 0.5), ('p90', 0.9)],
    ) | indent(4) }}
),

measured as (
    select
        grid.month,
        grid.channel,
        grid.priority,
        {% for c in [
            'tickets_created', 'tickets_resolved', 'tickets_unresolved',
            'one_touch_resolved',
            'tickets_solved', 'tickets_reopened', 'sum_agent_replies_resolved',
            'tickets_answered',
        ] %}
        cast(coalesce(counted.{{ c }}, 0) as bigint) as {{ c }},
        {% endfor %}
        {{ safe_pct('counted.one_touch_resolved', 'counted.tickets_resolved') }}
            as fcr_pct,
        {{ safe_pct('counted.tickets_reopened', 'counted.tickets_solved') }}
            as reopen_pct,
        {{ safe_mean(
            'counted.sum_agent_replies_resolved', 'counted.tickets_resolved'
        ) }} as avg_agent_replies,
        {% for t in timings %}
        cast(
            coalesce(counted.sum_{{ t }}, 0) as {{ cx_platform.type_double() }}
        ) as sum_{{ t }},
        {{ safe_mean('counted.sum_' ~ t, 'counted.count_' ~ t) }}
            as mean_{{ t }},
        cast(percentiles.median_{{ t }} as {{ cx_platform.type_double() }})
            as median_{{ t }},
        cast(percentiles.p90_{{ t }} as {{ cx_platform.type_double() }})
            as p90_{{ t }},
        {% endfor %}
        {% for target in ['first_response', 'resolution'] %}
        {% for state in ['met', 'breached', 'pending'] %}
        cast(coalesce(counted.{{ target }}_sla_{{ state }}, 0) as bigint)
            as {{ target }}_sla_{{ state }},
        {% endfor %}
        {{ safe_pct(
            'counted.' ~ target ~ '_sla_met',
            '(counted.' ~ target ~ '_sla_met + counted.'
            ~ target ~ '_sla_breached)'
        ) }} as {{ target }}_sla_attainment_pct{% if not loop.last %},{% endif %}
        {% endfor %}
    from grid
    left join counted
        on
            grid.month = counted.month
            and grid.channel = counted.channel
            and grid.priority = counted.priority
    left join percentiles
        on
            grid.month = percentiles.created_month
            and grid.channel = percentiles.channel
            and grid.priority = percentiles.priority
),

-- as_of_date and is_complete_month, as on every monthly mart
final as (
    {{ with_month_status('measured', 'measured.month') }}
)

select * from final
