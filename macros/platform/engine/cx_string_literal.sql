{% macro cx_string_literal(text) -%}
    {#- `text` as a SQL string literal of this engine. -#}
    {{ return(adapter.dispatch('cx_string_literal', 'cx_metrics')(text)) }}
{%- endmacro %}

{% macro default__cx_string_literal(text) -%}
    {{ return("'" ~ text | replace("'", "''") ~ "'") }}
{%- endmacro %}

{% macro spark__cx_string_literal(text) -%}
    {#- a backslash escapes in Spark's string literals -#}
    {{ return("'" ~ text | replace('\\', '\\\\') | replace("'", "\\'") ~ "'") }}
{%- endmacro %}
