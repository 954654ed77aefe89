{% macro cx_percentile_cont(expression, fraction) -%}
    {#- Continuous percentile (linear interpolation), ignoring nulls. -#}
    {{ return(adapter.dispatch('cx_percentile_cont', 'cx_metrics')(expression, fraction)) }}
{%- endmacro %}

{% macro default__cx_percentile_cont(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__cx_percentile_cont(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}

{% macro spark__cx_percentile_cont(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}
