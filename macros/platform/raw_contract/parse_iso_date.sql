{% macro parse_iso_date(column) -%}
    {#- A yyyy-mm-dd text as a date; null when it is not one or names no
        real day (2025-02-30). Never raises. -#}
    {{ return(adapter.dispatch('parse_iso_date', 'cx_metrics')(column)) }}
{%- endmacro %}

{% macro iso_date_pattern() -%}
    {{ return("^[0-9]{4}-[0-9]{2}-[0-9]{2}$") }}
{%- endmacro %}

{% macro iso_date_from_text(text) -%}
    {#- The date of `text`, an expression that is the trimmed raw value when
        it matches iso_date_pattern() and null otherwise; null when it names
        no real day. -#}
    {%- set y = "cast(substr(" ~ text ~ ", 1, 4) as integer)" -%}
    {%- set m = "cast(substr(" ~ text ~ ", 6, 2) as integer)" -%}
    {%- set d = "cast(substr(" ~ text ~ ", 9, 2) as integer)" -%}
    make_date(
        case when {{ iso_date_is_valid(y, m, d) }} then {{ y }} end,
        {{ m }},
        {{ d }}
    )
{%- endmacro %}

{% macro default__parse_iso_date(column) -%}
    {%- set value = "trim(cast(" ~ column
        ~ " as " ~ dbt.type_string() ~ "))" -%}
    {{ iso_date_from_text(
        "case when " ~ value ~ " ~ '" ~ iso_date_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro spark__parse_iso_date(column) -%}
    {%- set value = "trim(cast(" ~ column ~ " as string))" -%}
    {{ iso_date_from_text(
        "case when " ~ value ~ " rlike '" ~ iso_date_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro duckdb__parse_iso_date(column) -%}
    case
        when regexp_full_match(trim(cast({{ column }} as varchar)), '^\d{4}-\d{2}-\d{2}$') {#- noqa: LT05 #}
            then try_cast(trim(cast({{ column }} as varchar)) as date)
    end
{%- endmacro %}
