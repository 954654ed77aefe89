{% macro cx_state_relation() -%}
    {{ return(api.Relation.create(
        database=target.database if target.database is defined else none,
        schema=generate_schema_name('audit', none),
        identifier='cx_incremental_state'
    )) }}
{%- endmacro %}
