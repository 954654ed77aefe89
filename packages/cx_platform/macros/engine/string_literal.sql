{% macro string_literal(text) -%}
    {#- `text` as a SQL string literal of this engine. -#}
    {{ return(adapter.dispatch('string_literal', 'cx_platform')(text)) }}
{%- endmacro %}

{% macro default__string_literal(text) -%}
    {{ return("'" ~ text | replace("'", "''") ~ "'") }}
{%- endmacro %}

{% macro spark__string_literal(text) -%}
    {#- a backslash escapes in Spark's string literals -#}
    {{ return("'" ~ text | replace('\\', '\\\\') | replace("'", "\\'") ~ "'") }}
{%- endmacro %}
