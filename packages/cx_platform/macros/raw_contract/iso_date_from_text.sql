{% macro iso_date_from_text(text) -%}
    {#- The date of `text`, an expression that is the trimmed raw value when
        it matches cx_platform.iso_date_pattern() and null otherwise; null when it names
        no real day. -#}
    {%- set y = "cast(substr(" ~ text ~ ", 1, 4) as integer)" -%}
    {%- set m = "cast(substr(" ~ text ~ ", 6, 2) as integer)" -%}
    {%- set d = "cast(substr(" ~ text ~ ", 9, 2) as integer)" -%}
    make_date(
        case when {{ cx_platform.iso_date_is_valid(y, m, d) }} then {{ y }} end,
        {{ m }},
        {{ d }}
    )
{%- endmacro %}
