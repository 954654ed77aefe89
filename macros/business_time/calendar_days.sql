{% macro calendar_days(days_before, days_after, in_utc=false) -%}
    {#- The CTEs bounds, offsets and days of a calendar model: one row per
        local date of business_timezone (business_local_date; the UTC date
        with `in_utc`, for a calendar that must not depend on that var) from
        `days_before` days before the first ticket to `days_after` days
        after the later of as_of_date and the latest kept instant, with the
        last date (days.last_date: filter on local_date <= last_date). From a fixed series of 40,000 day
        offsets (about 110 years). Ends with a comma. -#}
    {%- set first = 'cast(tickets.created_at as date)' if in_utc
        else business_local_date('tickets.created_at') -%}
    {%- set latest = 'cast(as_of.latest_kept_at as date)' if in_utc
        else business_local_date('as_of.latest_kept_at') -%}
    {%- set sql -%}
bounds as (
    select
        {{ dbt.dateadd('day', -days_before, 'min(' ~ first ~ ')') }}
            as first_date,
        {{ dbt.dateadd(
            'day', days_after,
            'greatest(max(as_of.as_of_date), max(' ~ latest ~ '))'
        ) }} as last_date
    from {{ ref('stg_helpdesk__tickets') }} as tickets
    cross join {{ ref('int_as_of_date') }} as as_of
),

offsets as (
    {{ dbt.generate_series(40000) }}
),

days as (
    select
        cast(
            {{ dbt.dateadd(
                'day', 'offsets.generated_number - 1', 'bounds.first_date'
            ) }}
            as date
        ) as local_date,
        bounds.last_date
    from bounds
    cross join offsets
),
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}
