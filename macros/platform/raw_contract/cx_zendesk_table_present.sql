{% macro cx_zendesk_table_present(table_name) -%}
    {#- Whether Fivetran's Zendesk table `table_name` (the dbt source
        zendesk, schema var zendesk_schema) is in the warehouse. The
        schedule tables (schedule, schedule_holiday, ticket_schedule) are
        optional: a Zendesk account without them, or a connector that does
        not sync them, has none. source() is called in every case, so the
        caller depends on the source in the DAG; while dbt parses (nothing
        to look up yet) the table counts as present. -#}
    {%- set relation = source('zendesk', table_name) -%}
    {%- if not execute -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(cx_relation_exists(relation)) }}
{%- endmacro %}
