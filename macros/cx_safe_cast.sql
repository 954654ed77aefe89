{% macro cx_safe_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('cx_safe_cast', 'cx_metrics')(expression, data_type)) }}
{%- endmacro %}

{% macro default__cx_safe_cast(expression, data_type) -%}
    {{ dbt.safe_cast(expression, data_type) }}
{%- endmacro %}

{% macro duckdb__cx_safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
