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
