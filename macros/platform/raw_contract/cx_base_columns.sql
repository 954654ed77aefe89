{% macro cx_base_columns(table_name) -%}
    {#- The select list of a base_ model's final CTE, from the declaration
        of its raw table (cx_raw_declaration): every declared output, cast
        where it declares `cast` (cx_safe_cast), then raw_row
        (rejected_raw_row). -#}
    {%- set declaration = cx_raw_declaration(table_name) -%}
    {%- set columns = [] -%}
    {%- for output in cx_declared_outputs(declaration) -%}
        {%- if output.cast -%}
            {%- do columns.append(
                cx_safe_cast(output.name, output.cast) ~ ' as ' ~ output.name
            ) -%}
        {%- else -%}
            {%- do columns.append(output.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do columns.append(
        rejected_raw_row(declaration.columns | map(attribute='name') | list)
        ~ ' as raw_row'
    ) -%}
    {{ return(columns | join(',\n')) }}
{%- endmacro %}
