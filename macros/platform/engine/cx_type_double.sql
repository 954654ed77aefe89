{% macro cx_type_double() -%}
    {{ return(adapter.dispatch('cx_type_double', 'cx_metrics')()) }}
{%- endmacro %}

{% macro default__cx_type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__cx_type_double() -%}
    double
{%- endmacro %}

{% macro spark__cx_type_double() -%}
    double
{%- endmacro %}
