{% macro zone_to_utc(ts, tz) -%}
    {#- The UTC instant of the local timestamp `ts` in the time zone `tz`,
        an SQL expression (a column of IANA names, or a quoted name). -#}
    {{ return(adapter.dispatch('zone_to_utc', 'cx_platform')(ts, tz)) }}
{%- endmacro %}

{% macro default__zone_to_utc(ts, tz) -%}
    (({{ ts }}) at time zone {{ tz }}) at time zone 'UTC'
{%- endmacro %}

{% macro duckdb__zone_to_utc(ts, tz) -%}
    timezone('UTC', timezone({{ tz }}, {{ ts }}))
{%- endmacro %}

{% macro spark__zone_to_utc(ts, tz) -%}
    to_utc_timestamp({{ ts }}, {{ tz }})
{%- endmacro %}
