{% macro affected_keys__int_customer_month_status(rows=none) -%}
    {#- The (customer_key, month) rows an incremental run of
        int_customer_month_status rewrites, old (in the table) and new:
        every row of as_of_date's month and of the month the table ends
        with (the last run's as_of month: its evaluation date and
        completeness move with as_of_date), and every row of a customer
        whose status may have changed: its activity spells were recomputed
        (a changed order or customer record), its canonical record was
        rewritten, or a record that was its key changed. The rows of `rows`
        (a relation or CTE with customer_key and month; the table itself by
        default, as the incremental strategy asks) that are in scope: the
        model asks with the rows it computed. fct_customer_months, whose
        rows are these rows, rewrites them too. -#}
    {%- set processed = processed_batch() -%}
    with

    scope_customers as (
        select spells.customer_key
        from {{ ref('int_customer_activity_spells') }} as spells
        where spells.cx_batch > {{ processed }}
        union
        select resolved.customer_key
        from {{ ref('int_customers_resolved') }} as resolved
        where resolved.cx_batch > {{ processed }}
        union
        select changed.customer_id
        from ({{ changed_customer_records() }}) as changed
    ),

    scope_start as (
        select
            least(
                coalesce(
                    (
                        select max(loaded.month) as last_month
                        from {{ this }} as loaded
                    ),
                    as_of.as_of_month
                ),
                as_of.as_of_month
            ) as from_month
        from (
            select
                cast(
                    {{ dbt.date_trunc('month', 'as_of_date') }} as date
                ) as as_of_month
            from {{ ref('int_as_of_date') }}
        ) as as_of
    )

    select
        scope_rows.customer_key,
        scope_rows.month
    from {{ rows if rows is not none else this }} as scope_rows
    cross join scope_start
    where
        scope_rows.month >= scope_start.from_month
        or scope_rows.customer_key in (
            select scope_customers.customer_key from scope_customers
        )
{%- endmacro %}
