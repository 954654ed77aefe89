{% macro raw_declaration(table_name) -%}
    {#- The declaration of a raw table, read from its dbt source
        (models/staging/*/_*__sources.yml), as
        {'key': <raw key column, or a list of them>, 'key_as': <name of
         the base_ column of a key of several columns>, 'optional': <bool:
         an absent table is read as empty>, 'columns': [<column>, ...],
         'rules': [{'reason', 'when'}, ...]}. Each column is its config
        meta `cx` with its name and defaults filled in:
        {'name', 'clean' (default 'text'), 'as' (default: the name),
         'required', 'invalid', 'values', 'rules', 'references', 'also',
         'staged', 'cast'}; docs/raw_contract.md explains each key. Empty
        while dbt parses (the graph is not built yet); a table that is not a
        source of the project is a compile error. -#}
    {%- if not execute -%}
        {{ return({
            'key': none, 'key_as': none, 'optional': false, 'columns': [],
            'rules': [],
        }) }}
    {%- endif -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.name == table_name -%}
        {%- set table_cx = node.config.get('meta', {}).get('cx')
            or node.get('meta', {}).get('cx') or {} -%}
        {%- set columns = [] -%}
        {%- for column in node.columns.values() -%}
            {%- set cx = column.get('config', {}).get('meta', {}).get('cx')
                or column.get('meta', {}).get('cx') or {} -%}
            {%- do columns.append({
                'name': column.name,
                'clean': cx.get('clean', 'text'),
                'as': cx.get('as', column.name),
                'required': cx.get('required'),
                'invalid': cx.get('invalid'),
                'values': cx.get('values'),
                'rules': cx.get('rules', []),
                'references': cx.get('references'),
                'also': cx.get('also', []),
                'staged': cx.get('staged', true),
                'cast': cx.get('cast'),
            }) -%}
        {%- endfor -%}
        {%- if not table_cx.get('key') -%}
            {{ exceptions.raise_compiler_error(
                table_name ~ " declares no key: set config.meta.cx.key on its"
                ~ " dbt source table."
            ) }}
        {%- endif -%}
        {{ return({
            'key': table_cx.key,
            'key_as': table_cx.get('key_as'),
            'optional': table_cx.get('optional', false),
            'columns': columns,
            'rules': table_cx.get('rules', []),
        }) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        table_name ~ " is not a table of the raw contract: no source of the"
        ~ " project declares it (models/staging/*/_*__sources.yml)."
    ) }}
{%- endmacro %}
