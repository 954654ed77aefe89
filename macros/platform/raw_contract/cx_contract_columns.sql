{% macro cx_contract_columns(table_name) -%}
    {#- The columns of a raw table in the contract, in the order of its dbt
        source (models/staging/*/_*__sources.yml): the names of its
        declaration (cx_raw_declaration). The file check takes them from
        here. Empty while dbt parses. -#}
    {{ return(cx_raw_declaration(table_name).columns | map(attribute='name') | list) }}
{%- endmacro %}
