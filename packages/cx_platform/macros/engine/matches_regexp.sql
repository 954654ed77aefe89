{% macro matches_regexp(text, pattern) -%}
    {#- SQL condition: the text matches the regular expression `pattern`
        (anchor it with ^ and $ for a whole-value match). -#}
    {{ return(adapter.dispatch('matches_regexp', 'cx_platform')(text, pattern)) }}
{%- endmacro %}

{% macro default__matches_regexp(text, pattern) -%}
    {{ return('(' ~ text ~ ' ~ ' ~ cx_platform.string_literal(pattern) ~ ')') }}
{%- endmacro %}

{% macro duckdb__matches_regexp(text, pattern) -%}
    {{ return('regexp_matches(' ~ text ~ ', ' ~ cx_platform.string_literal(pattern) ~ ')') }}
{%- endmacro %}

{% macro spark__matches_regexp(text, pattern) -%}
    {{ return('(' ~ text ~ ' rlike ' ~ cx_platform.string_literal(pattern) ~ ')') }}
{%- endmacro %}
