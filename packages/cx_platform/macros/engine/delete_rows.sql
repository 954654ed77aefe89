{#- Row deletes on every engine. DuckDB and Postgres run DELETE; Spark's
    default (Parquet) tables cannot, so there the table is rewritten without
    the rows (rewrite_table). For the small bookkeeping tables of the
    hooks (build log) only; updates are update_rows. -#}

{% macro delete_rows(relation, where) -%}
    {#- delete from `relation` the rows where `where` holds. -#}
    {{ return(adapter.dispatch('delete_rows', 'cx_platform')(relation, where)) }}
{%- endmacro %}

{% macro default__delete_rows(relation, where) -%}
    {% do run_query("delete from " ~ relation ~ " where " ~ where) %}
{%- endmacro %}

{% macro spark__delete_rows(relation, where) -%}
    {% do cx_platform.rewrite_table(
        relation, "select * from " ~ relation ~ " where not coalesce(" ~ where ~ ", false)"
    ) %}
{%- endmacro %}
