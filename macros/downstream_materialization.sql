{% macro downstream_materialization() -%}
    {#- The downstream incremental models (config materialized=...):
        incremental on DuckDB, whose incremental runs the tests prove; plain
        tables elsewhere, so no engine is sent the delete of the
        cx_replace_affected strategy (Spark's default tables cannot delete), and
        nothing is lost: raw data there is tables, which carry no mark of
        new rows, so every base_ row is rewritten in every run and every
        key would be recomputed anyway. -#}
    {{ return('incremental' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}
