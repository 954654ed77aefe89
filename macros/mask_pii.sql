{% macro mask_pii(text) -%}
    {{ return(adapter.dispatch('mask_pii', 'cx_metrics')(text)) }}
{%- endmacro %}

{#- E-mail addresses become [email]; phone numbers (an optional +, then at
    least 7 digits with spaces, dots, dashes or brackets between) become
    [phone]. Over-masking a long number is preferred to leaking a phone. -#}
{% macro default__mask_pii(text) -%}
    regexp_replace(
        regexp_replace(
            {{ text }},
            '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}', '[email]', 'g'
        ),
        '[+]?[(]?[0-9][0-9 ().-]{5,}[0-9]', '[phone]', 'g'
    )
{%- endmacro %}

{% macro spark__mask_pii(text) -%}
    regexp_replace(
        regexp_replace(
            {{ text }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}', '[email]'
        ),
        '[+]?[(]?[0-9][0-9 ().-]{5,}[0-9]', '[phone]'
    )
{%- endmacro %}
