{% macro cx_staged_columns(table_name) -%}
    {#- The select list of a stg_ model, from the declaration of its raw
        table (cx_raw_declaration): every declared output whose `staged` is
        not false; a `staged` text is an expression with {column} for the
        base_ column (e.g. "coalesce({column}, 'unknown')"). -#}
    {%- set columns = [] -%}
    {%- for output in cx_declared_outputs(cx_raw_declaration(table_name)) -%}
        {%- if output.staged is string -%}
            {%- do columns.append(
                output.staged | replace('{column}', output.name)
                ~ ' as ' ~ output.name
            ) -%}
        {%- elif output.staged -%}
            {%- do columns.append(output.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(columns | join(',\n')) }}
{%- endmacro %}
