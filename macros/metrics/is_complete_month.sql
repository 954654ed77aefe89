{% macro is_complete_month(month, as_of_date) -%}
    {#- True when the month starting at `month` is complete at `as_of_date`:
        as_of_date is its last day or later. The newest month of a mart is
        usually partial (a few days of data), and a BI tile that shows
        "the latest month" should filter on this. -#}
    ({{ dbt.last_day(month, 'month') }} <= {{ as_of_date }})
{%- endmacro %}
