{% macro cx_contract_columns(table_name) -%}
    {#- The columns of a raw table in the contract: the columns of its dbt
        source (models/staging/*/_*__sources.yml), in their order. The one
        declaration of a raw table's columns: the file check and the base_
        models (their raw values and raw_row) take them from here. Empty
        while dbt parses (the graph is not built yet); a table that is not a
        source of the project is a compile error. -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.name == table_name -%}
        {{ return(node.columns.keys() | list) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        table_name ~ " is not a table of the raw contract: no source of the"
        ~ " project declares it (models/staging/*/_*__sources.yml)."
    ) }}
{%- endmacro %}
