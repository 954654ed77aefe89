{% macro is_single_word(text) -%}
    {#- True when `text` is made only of the characters cx_platform.words_of() keeps. -#}
    {{ return(adapter.dispatch('is_single_word', 'cx_platform')(text)) }}
{%- endmacro %}

{% macro default__is_single_word(text) -%}
    (lower({{ text }}) ~ '^[0-9a-z_]+$')
{%- endmacro %}

{% macro duckdb__is_single_word(text) -%}
    regexp_full_match(lower({{ text }}), '[0-9a-z_]+')
{%- endmacro %}

{% macro spark__is_single_word(text) -%}
    (lower({{ text }}) rlike '^[0-9a-z_]+$')
{%- endmacro %}
