{% macro utc_to_local(ts, tz) -%}
    {{ return(adapter.dispatch('utc_to_local', 'cx_metrics')(ts, tz)) }}
{%- endmacro %}

{% macro default__utc_to_local(ts, tz) -%}
    (({{ ts }}) at time zone 'UTC') at time zone '{{ tz }}'
{%- endmacro %}

{% macro duckdb__utc_to_local(ts, tz) -%}
    timezone('{{ tz }}', timezone('UTC', {{ ts }}))
{%- endmacro %}

{% macro spark__utc_to_local(ts, tz) -%}
    from_utc_timestamp({{ ts }}, '{{ tz }}')
{%- endmacro %}
