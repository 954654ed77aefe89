{% macro is_complete_month(month, as_of_date) -%}
    {#- True when the month starting at `month` is complete at `as_of_date`:
        as_of_date is its last day or later. The newest month of a mart is
        usually partial (a few days of data), and a BI tile that shows
        "the latest month" should filter on this. -#}
    ({{ dbt.last_day(month, 'month') }} <= {{ as_of_date }})
{%- endmacro %}

{% macro with_month_status(relation, month) -%}
    {#- Every column of the CTE `relation`, and the month status every
        monthly mart carries: as_of_date (when the data ends, the same on
        every row) and is_complete_month for the month starting at the
        expression `month`. A select statement, for a mart's final CTE. -#}
    select
        {{ relation }}.*,
        month_status.as_of_date,
        {{ is_complete_month(month, 'month_status.as_of_date') }}
            as is_complete_month
    from {{ relation }}
    cross join (
        select as_of_date from {{ ref('int_as_of_date') }}
    ) as month_status
{%- endmacro %}
