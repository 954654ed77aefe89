{% macro seconds_between(start_ts, end_ts) -%}
    {#- Exact seconds from start_ts to end_ts (fractions kept), as a double. -#}
    {{ return(adapter.dispatch('seconds_between', 'cx_metrics')(start_ts, end_ts)) }}
{%- endmacro %}

{% macro default__seconds_between(start_ts, end_ts) -%}
    cast(extract(epoch from ({{ end_ts }}) - ({{ start_ts }})) as {{ cx_type_double() }})
{%- endmacro %}

{% macro duckdb__seconds_between(start_ts, end_ts) -%}
    (epoch({{ end_ts }}) - epoch({{ start_ts }}))
{%- endmacro %}

{% macro spark__seconds_between(start_ts, end_ts) -%}
    cast(unix_timestamp({{ end_ts }}) - unix_timestamp({{ start_ts }}) as double)
{%- endmacro %}
