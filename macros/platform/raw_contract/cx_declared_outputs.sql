{% macro cx_declared_outputs(declaration) -%}
    {#- The columns a base_ model makes of the raw columns of
        `declaration` (cx_raw_declaration), in the order of the raw columns,
        each column's `also` outputs right after it, then the key of a key
        of several columns when the declaration names it (`key_as`, not
        staged): [{'name', 'column' (the raw column), 'sql' (its cleaned
        value, cx_cleaned_value or raw_key), 'staged', 'cast'}]. -#}
    {%- set outputs = [] -%}
    {%- for c in declaration.columns -%}
        {%- do outputs.append({
            'name': c['as'], 'column': c.name,
            'sql': cx_cleaned_value(c.clean, c.name),
            'staged': c.staged, 'cast': c.cast,
        }) -%}
        {%- for extra in c.also -%}
            {%- do outputs.append({
                'name': extra['as'], 'column': c.name,
                'sql': cx_cleaned_value(extra.get('clean', 'text'), c.name),
                'staged': extra.get('staged', true), 'cast': extra.get('cast'),
            }) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if declaration.key_as -%}
        {%- do outputs.append({
            'name': declaration.key_as, 'column': none,
            'sql': raw_key(declaration.key), 'staged': false, 'cast': none,
        }) -%}
    {%- endif -%}
    {{ return(outputs) }}
{%- endmacro %}
