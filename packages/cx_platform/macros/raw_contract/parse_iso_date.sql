{% macro parse_iso_date(column) -%}
    {#- A yyyy-mm-dd text as a date; null when it is not one or names no
        real day (2025-02-30). Never raises. -#}
    {{ return(adapter.dispatch('parse_iso_date', 'cx_platform')(column)) }}
{%- endmacro %}

{% macro default__parse_iso_date(column) -%}
    {%- set value = "trim(cast(" ~ column
        ~ " as " ~ dbt.type_string() ~ "))" -%}
    {{ cx_platform.iso_date_from_text(
        "case when " ~ value ~ " ~ '" ~ cx_platform.iso_date_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro spark__parse_iso_date(column) -%}
    {%- set value = "trim(cast(" ~ column ~ " as string))" -%}
    {{ cx_platform.iso_date_from_text(
        "case when " ~ value ~ " rlike '" ~ cx_platform.iso_date_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro duckdb__parse_iso_date(column) -%}
    case
        when regexp_full_match(trim(cast({{ column }} as varchar)), '^\d{4}-\d{2}-\d{2}$') {#- noqa: LT05 #}
            then try_cast(trim(cast({{ column }} as varchar)) as date)
    end
{%- endmacro %}
