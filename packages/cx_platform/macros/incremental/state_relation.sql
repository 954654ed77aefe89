{% macro state_relation(identifier='cx_incremental_state') -%}
    {#- A bookkeeping table of the runs, in the state schema (audit): by
        default the state of the incremental models. -#}
    {{ return(api.Relation.create(
        database=target.database if target.database is defined else none,
        schema=generate_schema_name('audit', none),
        identifier=identifier, type='table'
    )) }}
{%- endmacro %}
