{% macro cx_declared_outputs(declaration) -%}
    {#- The columns a base_ model makes of the raw columns of
        `declaration` (cx_raw_declaration), in the order of the raw columns,
        each column's `also` outputs right after it:
        [{'name', 'column' (the raw column), 'clean', 'staged', 'cast'}]. -#}
    {%- set outputs = [] -%}
    {%- for c in declaration.columns -%}
        {%- do outputs.append({
            'name': c['as'], 'column': c.name, 'clean': c.clean,
            'staged': c.staged, 'cast': c.cast,
        }) -%}
        {%- for extra in c.also -%}
            {%- do outputs.append({
                'name': extra['as'], 'column': c.name,
                'clean': extra.get('clean', 'text'),
                'staged': extra.get('staged', true), 'cast': extra.get('cast'),
            }) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(outputs) }}
{%- endmacro %}
