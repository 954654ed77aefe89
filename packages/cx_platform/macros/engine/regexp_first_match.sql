{% macro regexp_first_match(text, pattern) -%}
    {#- The first substring of `text` matching `pattern`; null or '' when
        none. -#}
    {{ return(adapter.dispatch('regexp_first_match', 'cx_platform')(text, pattern)) }}
{%- endmacro %}

{% macro default__regexp_first_match(text, pattern) -%}
    substring({{ text }} from '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_first_match(text, pattern) -%}
    regexp_extract({{ text }}, '{{ pattern }}', 0)
{%- endmacro %}

{% macro duckdb__regexp_first_match(text, pattern) -%}
    regexp_extract({{ text }}, '{{ pattern }}')
{%- endmacro %}
