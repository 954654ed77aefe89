{% macro cx_regexp_matches(text, pattern) -%}
    {#- SQL condition: the text matches the regular expression `pattern`
        (anchor it with ^ and $ for a whole-value match). -#}
    {{ return(adapter.dispatch('cx_regexp_matches', 'cx_metrics')(text, pattern)) }}
{%- endmacro %}

{% macro default__cx_regexp_matches(text, pattern) -%}
    {{ return('(' ~ text ~ ' ~ ' ~ cx_string_literal(pattern) ~ ')') }}
{%- endmacro %}

{% macro duckdb__cx_regexp_matches(text, pattern) -%}
    {{ return('regexp_matches(' ~ text ~ ', ' ~ cx_string_literal(pattern) ~ ')') }}
{%- endmacro %}

{% macro spark__cx_regexp_matches(text, pattern) -%}
    {{ return('(' ~ text ~ ' rlike ' ~ cx_string_literal(pattern) ~ ')') }}
{%- endmacro %}
