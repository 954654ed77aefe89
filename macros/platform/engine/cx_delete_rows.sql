{#- Row deletes on every engine. DuckDB and Postgres run DELETE; Spark's
    default (Parquet) tables cannot, so there the table is rewritten without
    the rows (cx_rewrite_table). For the small bookkeeping tables of the
    hooks (build log) only; updates are cx_update_rows. -#}

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
