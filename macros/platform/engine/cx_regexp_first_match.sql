{% macro cx_regexp_first_match(text, pattern) -%}
    {#- The first substring of `text` matching `pattern`; null or '' when
        none. -#}
    {{ return(adapter.dispatch('cx_regexp_first_match', 'cx_metrics')(text, pattern)) }}
{%- endmacro %}

{% macro default__cx_regexp_first_match(text, pattern) -%}
    substring({{ text }} from '{{ pattern }}')
{%- endmacro %}

{% macro spark__cx_regexp_first_match(text, pattern) -%}
    regexp_extract({{ text }}, '{{ pattern }}', 0)
{%- endmacro %}

{% macro duckdb__cx_regexp_first_match(text, pattern) -%}
    regexp_extract({{ text }}, '{{ pattern }}')
{%- endmacro %}
