{#- Row updates on every engine. DuckDB and Postgres run UPDATE; Spark's
    default (Parquet) tables cannot, so there the table is rewritten: a copy
    with the change, then swapped in by rename (rewrite_table). For the
    small bookkeeping tables of the hooks (build log) only; deletes are
    delete_rows. -#}

{% macro update_rows(relation, assignments, where) -%}
    {#- update `relation` set each column of `assignments` ({column: SQL
        expression}) on the rows where `where` holds. -#}
    {{ return(adapter.dispatch('update_rows', 'cx_platform')(relation, assignments, where)) }}
{%- endmacro %}

{% macro default__update_rows(relation, assignments, where) -%}
    {%- set sets = [] -%}
    {%- for column, expression in assignments.items() -%}
        {%- do sets.append(column ~ " = " ~ expression) -%}
    {%- endfor -%}
    {% do run_query("update " ~ relation ~ " set " ~ sets | join(", ") ~ " where " ~ where) %}
{%- endmacro %}

{% macro spark__update_rows(relation, assignments, where) -%}
    {%- set columns = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name in assignments -%}
            {%- do columns.append(
                "case when " ~ where ~ " then " ~ assignments[column.name]
                ~ " else " ~ column.name ~ " end as " ~ column.name
            ) -%}
        {%- else -%}
            {%- do columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {% do cx_platform.rewrite_table(relation, "select " ~ columns | join(", ") ~ " from " ~ relation) %}
{%- endmacro %}
