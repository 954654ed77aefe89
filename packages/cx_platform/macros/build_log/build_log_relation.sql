{% macro build_log_relation(identifier) -%}
    {{ return(api.Relation.create(
        database=target.database if target.database is defined else none,
        schema=generate_schema_name('audit', none), identifier=identifier
    )) }}
{%- endmacro %}
