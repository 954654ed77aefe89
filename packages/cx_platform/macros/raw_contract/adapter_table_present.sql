{% macro adapter_table_present(source_name, table_name) -%}
    {#- Whether the tool table `table_name` of the adapter's dbt source
        `source_name` (zendesk, qualtrics, shopify: schema var
        <source>_schema) is in the warehouse. For the tool tables an
        optional contract table is mapped from (Zendesk's schedule,
        schedule_holiday, ticket_schedule; source_domains): an account
        without them, or a connector that does not sync them, has none.
        source() is called in every case, so the caller depends on the
        source in the DAG; while dbt parses (nothing to look up yet) the
        table counts as present. -#}
    {%- set relation = source(source_name, table_name) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(cx_platform.relation_exists(relation)) }}
{%- endmacro %}
