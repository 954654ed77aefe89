{% macro json_escaped(text) -%}
    {#- `text` with the escapes of a JSON string (see default__raw_row_json). -#}
    {%- set short = {8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r'} -%}
    {%- set expression = namespace(sql="replace(replace(" ~ text ~ ", "
        ~ cx_platform.string_literal('\\') ~ ", " ~ cx_platform.string_literal('\\\\') ~ "), "
        ~ cx_platform.string_literal('"') ~ ", " ~ cx_platform.string_literal('\\"') ~ ")") -%}
    {%- for code in range(1, 32) -%}
        {%- set escape = short.get(code, '\\u%04X' % code) -%}
        {%- set expression.sql = "replace(" ~ expression.sql ~ ", chr(" ~ code ~ "), "
            ~ cx_platform.string_literal(escape) ~ ")" -%}
    {%- endfor -%}
    {{ expression.sql }}
{%- endmacro %}
