{% macro relation_exists(relation) -%}
    {#- Whether the table or view `relation` (e.g. a dbt source) is in the
        warehouse: adapter.get_relation on its database, schema and name. -#}
    {{ return(adapter.get_relation(
        database=relation.database, schema=relation.schema,
        identifier=relation.identifier,
    ) is not none) }}
{%- endmacro %}
