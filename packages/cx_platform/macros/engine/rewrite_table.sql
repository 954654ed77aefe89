{% macro rewrite_table(relation, select_sql) -%}
    {#- Spark: `relation` replaced by the rows of `select_sql` (read from it). -#}
    {%- set next = relation.incorporate(path={'identifier': relation.identifier ~ '__cx_next'}) -%}
    {% do run_query("drop table if exists " ~ next) %}
    {% do run_query("create table " ~ next ~ " as " ~ select_sql) %}
    {% do run_query("drop table " ~ relation) %}
    {% do run_query("alter table " ~ next ~ " rename to " ~ relation) %}
{%- endmacro %}
