{% macro contains_word(text, word) -%}
    {#- True when `word` occurs in `text` as a whole word, ignoring case. -#}
    {{ return(adapter.dispatch('contains_word', 'cx_platform')(text, word)) }}
{%- endmacro %}

{% macro default__contains_word(text, word) -%}
    (lower({{ text }}) ~ ('\m' || lower({{ word }}) || '\M'))
{%- endmacro %}

{% macro duckdb__contains_word(text, word) -%}
    regexp_matches(lower({{ text }}), '\b' || lower({{ word }}) || '\b')
{%- endmacro %}

{% macro spark__contains_word(text, word) -%}
    (lower({{ text }}) rlike concat('\\b', lower({{ word }}), '\\b'))
{%- endmacro %}
