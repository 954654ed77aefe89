{% macro words_of(text) -%}
    {#- Set-returning select-list expression: one row per word of `text`,
        lower-cased, where a word is a maximal run of ASCII letters, digits
        and underscores (the \w of a regex word boundary), so that a keyword
        of word characters occurs as a whole word exactly when it is one of
        these words. -#}
    {{ return(adapter.dispatch('words_of', 'cx_platform')(text)) }}
{%- endmacro %}

{% macro default__words_of(text) -%}
    regexp_split_to_table(lower({{ text }}), '[^0-9a-z_]+')
{%- endmacro %}

{% macro duckdb__words_of(text) -%}
    unnest(string_split_regex(lower({{ text }}), '[^0-9a-z_]+'))
{%- endmacro %}

{% macro spark__words_of(text) -%}
    explode(split(lower({{ text }}), '[^0-9a-z_]+'))
{%- endmacro %}
