{% macro affected_keys__fct_customer_months() -%}
    {#- The (customer_key, month) rows an incremental run of
        fct_customer_months rewrites, old (in the table) and new (in
        int_customer_month_status): those whose status may have changed
        (affected_keys__int_customer_month_status:
        as_of_date's month, the month the table ends with, the customers
        whose spells or canonical record changed), and every row whose
        answer or ticket counts differ from those of the table: the answers
        and tickets are grouped per customer and month again (a few million
        rows) and compared with the table's, which finds every change (a new
        or removed answer or ticket, another customer, an SLA that passed
        its target as as_of_date moved) without knowing its cause. -#}
    with

    -- one row per kept answer and ticket of a customer
    experiences as (
        select
            customer_key,
            response_month as month,
            metric,
            nps_category,
            coalesce(is_csat_satisfied, false) as is_csat_satisfied,
            coalesce(is_low_effort, false) as is_low_effort,
            null as first_response_sla,
            null as resolution_sla,
            false as has_been_reopened
        from {{ ref('fct_survey_responses') }}
        where customer_key is not null

        union all

        select
            customer_key,
            created_month as month,
            'ticket' as metric,
            null as nps_category,
            false as is_csat_satisfied,
            false as is_low_effort,
            first_response_sla,
            resolution_sla,
            has_been_reopened
        from {{ ref('fct_tickets') }}
        where customer_key is not null
    ),

    -- the counts as fct_customer_months has them, from the answers and
    -- tickets now
    experience_counts as (
        select
            customer_key,
            month,
            count(case when metric = 'nps' then 1 end) as nps_responses,
            count(case when nps_category = 'promoter' then 1 end) as promoters,
            count(case when nps_category = 'detractor' then 1 end)
                as detractors,
            count(case when metric = 'csat' then 1 end) as csat_responses,
            count(case when is_csat_satisfied then 1 end) as csat_satisfied,
            count(case when metric = 'ces' then 1 end) as ces_responses,
            count(case when is_low_effort then 1 end) as ces_low_effort,
            count(case when metric = 'ticket' then 1 end) as tickets_created,
            count(case when first_response_sla = 'breached' then 1 end)
                as first_response_sla_breached,
            count(case when resolution_sla = 'breached' then 1 end)
                as resolution_sla_breached,
            count(case when has_been_reopened then 1 end) as tickets_reopened
        from experiences
        group by 1, 2
    ),

    -- and as the table has them (a row without answers or tickets has none)
    loaded_counts as (
        select
            customer_key,
            month,
            nps_responses,
            promoters,
            detractors,
            csat_responses,
            csat_satisfied,
            ces_responses,
            ces_low_effort,
            tickets_created,
            first_response_sla_breached,
            resolution_sla_breached,
            tickets_reopened
        from {{ this }}
        where
            nps_responses > 0
            or csat_responses > 0
            or ces_responses > 0
            or tickets_created > 0
    ),

    changed_counts as (
        select
            gained.customer_key,
            gained.month
        from (
            select * from experience_counts
            except
            select * from loaded_counts
        ) as gained

        union

        select
            lost.customer_key,
            lost.month
        from (
            select * from loaded_counts
            except
            select * from experience_counts
        ) as lost
    )

    select
        status_scope.customer_key,
        status_scope.month
    from ({{ affected_keys__int_customer_month_status() }}) as status_scope

    union

    select
        status_scope.customer_key,
        status_scope.month
    from ({{ affected_keys__int_customer_month_status(
        ref('int_customer_month_status')
    ) }}) as status_scope

    union

    select
        changed_counts.customer_key,
        changed_counts.month
    from changed_counts
{%- endmacro %}
