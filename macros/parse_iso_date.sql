{% macro parse_iso_date(column) -%}
    {{ return(adapter.dispatch('parse_iso_date', 'cx_metrics')(column)) }}
{%- endmacro %}

{% macro default__parse_iso_date(column) -%}
    cast({{ column }} as date)
{%- endmacro %}

{% macro duckdb__parse_iso_date(column) -%}
    case
        when regexp_full_match(trim(cast({{ column }} as varchar)), '^\d{4}-\d{2}-\d{2}$')
            then try_cast(trim(cast({{ column }} as varchar)) as date)
    end
{%- endmacro %}
