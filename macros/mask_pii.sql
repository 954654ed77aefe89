{% macro mask_pii(text) -%}
    {{ return(adapter.dispatch('mask_pii', 'cx_metrics')(text)) }}
{%- endmacro %}

{#- Free text with the personal data masked: e-mail addresses become [email],
    then phone numbers become [phone]. Both rules are Unicode-aware, the same
    on every engine, and written out in docs/metrics.md ("Personal data in
    comments"):

    e-mail  local@domain.tld
            local:  letters, marks and digits of any script, and . _ % + -;
                    an apostrophe inside it (o'brien@...)
            @:      @ or the full-width U+FF20
            domain: labels of letters, marks, digits and -, separated by
                    . or the ideographic/full-width dots U+3002 U+FF0E U+FF61
            tld:    starts with a letter, at least 2 characters
                    (de, рф, 中国, भारत, xn--p1ai)
    phone   an optional + (or U+FF0B) and an optional (, then at least 7
            decimal digits of any script (0-9, ٠-٩, ۰-۹, ०-९, ０-９), with at
            most 3 separators between two digits: spaces (also no-break and
            thin spaces), tabs, dashes (- and the Unicode dashes, U+2212
            minus), . / ( )
            So 030/1234567, +49 (0)30 123 45 67, (555) 123-4567,
            +44 20 7946 0958, 01 23 45 67 89, ０３－１２３４－５６７８ are
            masked; 12345, 3-5, 10/10, 59.99 are not. Any run of 7 or more
            digits counts (an order number, a date written 12.01.2025):
            masking too much is preferred to leaking a phone number.

    duckdb__ uses RE2 classes (\p{L}, \p{M}, \p{N}, \p{Nd}, \p{Zs}, \p{Pd}),
    spark__ the same classes in Java regex syntax (a raw r'' literal, so
    backslashes reach the regex engine), and default__ (Postgres AREs, which
    have no \p{}) the POSIX classes [:alnum:]/[:alpha:]/[:space:], which
    follow the database's UTF-8 locale, plus the digits and separators
    listed above by code point. -#}

{% macro duckdb__mask_pii(text, literal_prefix='', replace_flags=", 'g'") -%}
    {#- literal_prefix, replace_flags: how spark__mask_pii writes the same
        patterns -#}
    {%- set word = '\\p{L}\\p{M}\\p{N}' -%}
    {%- set dot = '[.\\x{3002}\\x{FF0E}\\x{FF61}]' -%}
    {#- noqa: disable=LT05 -#}
    {%- set email -%}
        [{{ word }}._%+-]+(?:\x27[{{ word }}._%+-]+)*[@\x{FF20}][{{ word }}-]+(?:{{ dot }}[{{ word }}-]+)*{{ dot }}\p{L}[{{ word }}-]*[{{ word }}]
    {%- endset -%}
    {#- noqa: enable=LT05 -#}
    {%- set phone -%}
        [+\x{FF0B}]?[(]?\p{Nd}(?:[\p{Zs}\t\p{Pd}\x{2212}./()]{0,3}\p{Nd}){6,}
    {%- endset -%}
    regexp_replace(
        regexp_replace({{ text }}, {{ literal_prefix }}'{{ email }}', '[email]'{{ replace_flags }}), {#- noqa: LT05 #}
        {{ literal_prefix }}'{{ phone }}', '[phone]'{{ replace_flags }}
    )
{%- endmacro %}

{% macro default__mask_pii(text) -%}
    {#- [:alnum:] has no combining marks: those of Latin, Cyrillic, Hebrew,
        Arabic, Devanagari, Thai and kana are added by code point -#}
    {%- set word = '[:alnum:]\\u0300-\\u036F\\u0483-\\u0489\\u0591-\\u05C7'
        ~ '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED'
        ~ '\\u0900-\\u0903\\u093A-\\u094F\\u0951-\\u0957\\u0962\\u0963'
        ~ '\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E\\u3099\\u309A' -%}
    {%- set dot = '[.\\u3002\\uFF0E\\uFF61]' -%}
    {%- set digit = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9'
        ~ '\\u0966-\\u096F\\uFF10-\\uFF19]' -%}
    {#- noqa: disable=LT05 -#}
    {%- set email -%}
        [{{ word }}._%+-]+(?:\x27[{{ word }}._%+-]+)*[@\uFF20][{{ word }}-]+(?:{{ dot }}[{{ word }}-]+)*{{ dot }}[[:alpha:]][{{ word }}-]*[{{ word }}]
    {%- endset -%}
    {#- noqa: enable=LT05 -#}
    {%- set phone -%}
        [+\uFF0B]?[(]?{{ digit }}(?:[[:space:]\u00A0\u2007\u2009\u202F\u2010-\u2015\u2212\uFF0D./()-]{0,3}{{ digit }}){6,}
    {%- endset -%}
    regexp_replace(
        regexp_replace({{ text }}, '{{ email }}', '[email]', 'g'),
        '{{ phone }}', '[phone]', 'g'
    )
{%- endmacro %}

{% macro spark__mask_pii(text) -%}
    {#- The patterns of duckdb__mask_pii (Java regex reads the same \p{}
        classes), in raw r'' literals so that backslashes reach the regex
        engine; Spark's regexp_replace replaces every match unasked. -#}
    {{- duckdb__mask_pii(text, literal_prefix='r', replace_flags='') -}}
{%- endmacro %}
