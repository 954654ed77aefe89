{% macro microseconds_between(start_ts, end_ts) -%}
    {#- Exact microseconds from start_ts to end_ts, as an integer: timestamps
        have microsecond precision, so durations, their sums and their
        differences are exact and the same on every run. -#}
    {{ return(adapter.dispatch('microseconds_between', 'cx_platform')(start_ts, end_ts)) }}
{%- endmacro %}

{% macro default__microseconds_between(start_ts, end_ts) -%}
    cast(round(extract(epoch from ({{ end_ts }}) - ({{ start_ts }})) * 1000000) as bigint) {#- noqa: LT05 #}
{%- endmacro %}

{% macro duckdb__microseconds_between(start_ts, end_ts) -%}
    (epoch_us({{ end_ts }}) - epoch_us({{ start_ts }}))
{%- endmacro %}

{% macro spark__microseconds_between(start_ts, end_ts) -%}
    (unix_micros({{ end_ts }}) - unix_micros({{ start_ts }}))
{%- endmacro %}
