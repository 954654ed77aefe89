{% macro with_month_status(relation, month) -%}
    {#- Every column of the CTE `relation`, and the month status every
        monthly mart carries: as_of_date (when the data ends, the same on
        every row) and is_complete_month for the month starting at the
        expression `month`: true when as_of_date is its last day or later.
        The newest month of a mart is usually partial (a few days of data),
        and a BI tile that shows "the latest month" should filter on it. A
        select statement, for a mart's final CTE. -#}
    select
        {{ relation }}.*,
        month_status.as_of_date,
        ({{ dbt.last_day(month, 'month') }} <= month_status.as_of_date)
            as is_complete_month
    from {{ relation }}
    cross join (
        select as_of_date from {{ ref('int_as_of_date') }}
    ) as month_status
{%- endmacro %}
