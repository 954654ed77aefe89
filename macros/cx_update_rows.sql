{#- Row updates and deletes on every engine. DuckDB and Postgres run UPDATE
    and DELETE; Spark's default (Parquet) tables cannot, so there the table
    is rewritten: a copy with the change, then swapped in by rename. For
    the small bookkeeping tables of the hooks (build log) only. -#}

{% macro cx_update_rows(relation, assignments, where) -%}
    {#- update `relation` set each column of `assignments` ({column: SQL
        expression}) on the rows where `where` holds. -#}
    {{ return(adapter.dispatch('cx_update_rows', 'cx_metrics')(relation, assignments, where)) }}
{%- endmacro %}

{% macro default__cx_update_rows(relation, assignments, where) -%}
    {%- set sets = [] -%}
    {%- for column, expression in assignments.items() -%}
        {%- do sets.append(column ~ " = " ~ expression) -%}
    {%- endfor -%}
    {% do run_query("update " ~ relation ~ " set " ~ sets | join(", ") ~ " where " ~ where) %}
{%- endmacro %}

{% macro spark__cx_update_rows(relation, assignments, where) -%}
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
    {% do cx_rewrite_table(relation, "select " ~ columns | join(", ") ~ " from " ~ relation) %}
{%- endmacro %}

{% macro cx_delete_rows(relation, where) -%}
    {#- delete from `relation` the rows where `where` holds. -#}
    {{ return(adapter.dispatch('cx_delete_rows', 'cx_metrics')(relation, where)) }}
{%- endmacro %}

{% macro default__cx_delete_rows(relation, where) -%}
    {% do run_query("delete from " ~ relation ~ " where " ~ where) %}
{%- endmacro %}

{% macro spark__cx_delete_rows(relation, where) -%}
    {% do cx_rewrite_table(
        relation, "select * from " ~ relation ~ " where not coalesce(" ~ where ~ ", false)"
    ) %}
{%- endmacro %}

{% macro cx_rewrite_table(relation, select_sql) -%}
    {#- Spark: `relation` replaced by the rows of `select_sql` (read from it). -#}
    {%- set next = relation.incorporate(path={'identifier': relation.identifier ~ '__cx_next'}) -%}
    {% do run_query("drop table if exists " ~ next) %}
    {% do run_query("create table " ~ next ~ " as " ~ select_sql) %}
    {% do run_query("drop table " ~ relation) %}
    {% do run_query("alter table " ~ next ~ " rename to " ~ relation) %}
{%- endmacro %}
