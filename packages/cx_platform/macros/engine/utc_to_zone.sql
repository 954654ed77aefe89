{% macro utc_to_zone(ts, tz) -%}
    {#- The local timestamp in the time zone `tz`, an SQL expression (a
        column of IANA names, or a quoted name), of the UTC instant `ts`. -#}
    {{ return(adapter.dispatch('utc_to_zone', 'cx_platform')(ts, tz)) }}
{%- endmacro %}

{% macro default__utc_to_zone(ts, tz) -%}
    (({{ ts }}) at time zone 'UTC') at time zone {{ tz }}
{%- endmacro %}

{% macro duckdb__utc_to_zone(ts, tz) -%}
    timezone({{ tz }}, timezone('UTC', {{ ts }}))
{%- endmacro %}

{% macro spark__utc_to_zone(ts, tz) -%}
    from_utc_timestamp({{ ts }}, {{ tz }})
{%- endmacro %}
