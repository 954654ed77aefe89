{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Layers land in schemas named for the layer (raw, staging, marts, audit)
        rather than dbt's default <target>_<layer>, so BI tools find `marts`. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
