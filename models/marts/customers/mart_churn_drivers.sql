{%- set outcome_window_days = var('outcome_window_days') | int %}
-- Grain: one row per driver × touchpoint × experience group. Which
-- experiences come before churn: every kept survey response and every
-- ticket of a resolved customer is an experience at its UTC date e; it
-- counts when its horizon h = e + outcome_window_days is on or before
-- as_of_date and the customer is active at e (signed up, not churned); its
-- outcome is whether the customer is churned at h (a customer who came back
-- by h is not). Each group's churn rate is compared with the driver's
-- reference group (its first group) of the same touchpoint: the difference
-- in points, its 95% margin, significance and the relative risk.
-- Association, not proof of cause.
with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

-- the drivers, their groups in display order, and their reference group
driver_groups as (
    {%- set groups = [
        ('nps', 'promoter', 1), ('nps', 'passive', 2),
        ('nps', 'detractor', 3),
        ('csat', 'satisfied', 1), ('csat', 'not_satisfied', 2),
        ('ces', 'low_effort', 1), ('ces', 'high_effort', 2),
        ('first_response_sla', 'met', 1), ('first_response_sla', 'breached', 2),
        ('resolution_sla', 'met', 1), ('resolution_sla', 'breached', 2),
        ('reopened', 'not_reopened', 1), ('reopened', 'reopened', 2),
        ('one_touch', 'one_touch', 1), ('one_touch', 'not_one_touch', 2),
    ] %}
    {%- for driver, group, position in groups %}
    select
        {{ loop.index }} as group_number,
        '{{ driver }}' as driver,
        '{{ group }}' as experience_group,
        {{ position }} as group_order
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

-- one row per experience: a kept survey response (its metric is its
-- driver) or a ticket (an experience of up to four drivers: its group of
-- each is null when it is no experience of that driver: a pending SLA, a
-- ticket never solved for reopened, an unresolved one for one_touch).
-- Each branch reads its fact itself: a shared CTE would be materialised
-- with a row estimate far below the truth, and engines would then build
-- their hash tables on the experiences instead of the customers.
experiences as (
    select
        customer_key,
        cast(responded_at as date) as experience_date,
        metric as driver,
        touchpoint,
        case
            when metric = 'nps' then nps_category
            when metric = 'csat' and is_csat_satisfied then 'satisfied'
            when metric = 'csat' then 'not_satisfied'
            when is_low_effort then 'low_effort'
            else 'high_effort'
        end as experience_group,
        cast(null as {{ dbt.type_string() }}) as first_response_group,
        cast(null as {{ dbt.type_string() }}) as resolution_group,
        cast(null as {{ dbt.type_string() }}) as reopened_group,
        cast(null as {{ dbt.type_string() }}) as one_touch_group
    from {{ ref('fct_survey_responses') }}
    where customer_key is not null and metric in ('nps', 'csat', 'ces')

    union all

    select
        customer_key,
        cast(created_at as date) as experience_date,
        cast(null as {{ dbt.type_string() }}) as driver,
        'support_ticket' as touchpoint,
        cast(null as {{ dbt.type_string() }}) as experience_group,
        case
            when first_response_sla in ('met', 'breached')
                then first_response_sla
        end as first_response_group,
        case
            when resolution_sla in ('met', 'breached') then resolution_sla
        end as resolution_group,
        case
            when has_been_solved and has_been_reopened then 'reopened'
            when has_been_solved then 'not_reopened'
        end as reopened_group,
        case
            when is_resolved and is_one_touch then 'one_touch'
            when is_resolved then 'not_one_touch'
        end as one_touch_group
    from {{ ref('fct_tickets') }}
    where customer_key is not null
),

signups as (
    select
        customer_key,
        cast(signup_at as date) as signup_date
    from {{ ref('dim_customers') }}
),

-- a stretch churned for good ends at the end of time: every condition of
-- the joins below is then a conjunction, which engines run as a hash join
stretches as (
    select
        customer_key,
        churned_from,
        coalesce(churned_until, cast('9999-12-31' as date)) as churned_until
    from {{ ref('int_customer_activity_spells') }}
    where churned_from is not null
),

-- each experience of a signed-up customer: does it count (horizon passed,
-- customer active at it), and is the customer churned at the horizon
-- (inside one of its churned stretches, which never overlap). A ticket
-- goes through these joins once, not once per driver. driver_outcomes
-- reads this CTE twice: DuckDB and Postgres materialise it after the
-- joins (no join follows it), Spark inlines it and runs the joins twice.
outcomes as (
    select
        experiences.customer_key,
        experiences.driver,
        experiences.touchpoint,
        experiences.experience_group,
        experiences.first_response_group,
        experiences.resolution_group,
        experiences.reopened_group,
        experiences.one_touch_group,
        experiences.horizon_date <= as_of.as_of_date
        and churned_at_experience.customer_key is null as is_counted,
        churned_at_horizon.customer_key is not null as is_churned_at_horizon
    from (
        select
            *,
            cast(
                {{ dbt.dateadd(
                    'day', outcome_window_days, 'experience_date'
                ) }} as date
            ) as horizon_date
        from experiences
    ) as experiences
    cross join as_of
    inner join signups
        on
            experiences.customer_key = signups.customer_key
            and experiences.experience_date >= signups.signup_date
    left join stretches as churned_at_experience
        on
            experiences.customer_key = churned_at_experience.customer_key
            and experiences.experience_date
            >= churned_at_experience.churned_from
            and experiences.experience_date
            <= churned_at_experience.churned_until
    left join stretches as churned_at_horizon
        on
            experiences.customer_key = churned_at_horizon.customer_key
            and experiences.horizon_date >= churned_at_horizon.churned_from
            and experiences.horizon_date <= churned_at_horizon.churned_until
),

ticket_drivers as (
    select 'first_response_sla' as driver
    union all
    select 'resolution_sla' as driver
    union all
    select 'reopened' as driver
    union all
    select 'one_touch' as driver
),

-- one row per counted experience and driver: a response as it is, a
-- ticket once per driver it is an experience of. An experience that does
-- not count (horizon not passed, customer churned at it) has no group
-- here and drops out before the per-customer grouping, which it would
-- only slow down. It is counted out inside the group's case, after the
-- joins, not by a filter: a filter on is_counted is pushed into the joins
-- of outcomes, and engines then planned them on a handful of experiences
-- (as_of_date) and built their hash tables on them.
driver_outcomes as (
    select
        driver,
        touchpoint,
        case when is_counted then experience_group end as experience_group,
        customer_key,
        is_churned_at_horizon
    from outcomes
    where driver is not null

    union all

    select
        ticket_drivers.driver,
        outcomes.touchpoint,
        case
            when not outcomes.is_counted then null
            when ticket_drivers.driver = 'first_response_sla'
                then outcomes.first_response_group
            when ticket_drivers.driver = 'resolution_sla'
                then outcomes.resolution_group
            when ticket_drivers.driver = 'reopened'
                then outcomes.reopened_group
            else outcomes.one_touch_group
        end as experience_group,
        outcomes.customer_key,
        outcomes.is_churned_at_horizon
    from outcomes
    cross join ticket_drivers
    where outcomes.driver is null
),

-- per customer first, then per group: distinct customers without a
-- count(distinct), whose per-group sets of keys cannot spill to disk. The
-- group is keyed by its number in driver_groups rather than by its two
-- names, which are long strings: with them as keys this grouping of tens of
-- millions of rows took a third longer (10M customers: 39 s against 29 s).
grouped_by_customer as (
    select
        case
            {%- for driver, group, position in groups %}
            when driver = '{{ driver }}' and experience_group = '{{ group }}'
                then {{ loop.index }}
            {%- endfor %}
        end as group_number,
        touchpoint,
        customer_key,
        count(*) as experiences,
        count(case when is_churned_at_horizon then 1 end) as churned
    from driver_outcomes
    where experience_group is not null
    group by 1, 2, 3
),

grouped_by_number as (
    select
        group_number,
        touchpoint,
        sum(experiences) as experiences,
        count(*) as customers,
        sum(churned) as churned
    from grouped_by_customer
    group by 1, 2
),

grouped as (
    select
        driver_groups.driver,
        grouped_by_number.touchpoint,
        driver_groups.experience_group,
        driver_groups.group_order,
        grouped_by_number.experiences,
        grouped_by_number.customers,
        grouped_by_number.churned
    from grouped_by_number
    inner join driver_groups
        on grouped_by_number.group_number = driver_groups.group_number
),

rated as (
    select
        grouped.*,
        {{ safe_pct('grouped.churned', 'grouped.experiences') }}
            as churn_rate_pct
    from grouped
),

reference_rates as (
    select
        rated.driver,
        rated.touchpoint,
        rated.experiences,
        rated.churned,
        rated.churn_rate_pct
    from rated
    where rated.group_order = 1
),

compared as (
    select
        rated.driver,
        rated.touchpoint,
        rated.experience_group,
        rated.group_order,
        cast(rated.experiences as bigint) as experiences,
        cast(rated.customers as bigint) as customers,
        cast(rated.churned as bigint) as churned,
        rated.churn_rate_pct,
        reference_groups.experience_group as reference_group,
        reference_rates.churn_rate_pct as reference_churn_rate_pct,
        rated.churn_rate_pct - reference_rates.churn_rate_pct
            as rate_difference_pts,
        case
            when rated.group_order > 1
                then {{ rate_difference_margin(
                    'rated.churned', 'rated.experiences',
                    'reference_rates.churned', 'reference_rates.experiences'
                ) }}
        end as rate_difference_moe_95,
        case
            when reference_rates.churned > 0
                then (
                    cast(rated.churned as {{ cx_platform.type_double() }})
                    / rated.experiences
                )
                / (
                    cast(
                        reference_rates.churned
                        as {{ cx_platform.type_double() }}
                    )
                    / reference_rates.experiences
                )
        end as relative_risk
    from rated
    inner join driver_groups as reference_groups
        on
            rated.driver = reference_groups.driver
            and reference_groups.group_order = 1
    left join reference_rates
        on
            rated.driver = reference_rates.driver
            and rated.touchpoint = reference_rates.touchpoint
),

measured as (
    select
        driver,
        touchpoint,
        experience_group,
        group_order,
        experiences,
        customers,
        churned,
        churn_rate_pct,
        reference_group,
        reference_churn_rate_pct,
        rate_difference_pts,
        rate_difference_moe_95,
        coalesce(
            abs(rate_difference_pts) > rate_difference_moe_95, false
        ) as is_significant,
        relative_risk,
        experiences < {{ var('low_sample_threshold') }} as is_low_sample,
        {{ outcome_window_days }} as outcome_window_days
    from compared
),

-- as_of_date, as on every mart
final as (
    select
        measured.*,
        as_of.as_of_date
    from measured
    cross join as_of
)

select * from final
