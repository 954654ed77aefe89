{% macro iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    {#- The timestamp of a date, plus hours, minutes and microseconds (any
        of them null: null). -#}
    {{ return(adapter.dispatch('iso_make_timestamp', 'cx_platform')(year, month, day, hour, minute, micros)) }}
{%- endmacro %}

{% macro default__iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    (
        make_timestamp({{ year }}, {{ month }}, {{ day }}, 0, 0, 0)
        + make_interval(hours => {{ hour }}, mins => {{ minute }})
        + ({{ micros }}) * interval '1 microsecond'
    )
{%- endmacro %}

{% macro spark__iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    {#- an instant (the session zone must be UTC, see profiles.yml) -#}
    timestamp_micros(
        unix_micros(make_timestamp({{ year }}, {{ month }}, {{ day }}, 0, 0, 0, 'UTC')) {#- noqa: LT05 #}
        + (cast({{ hour }} as bigint) * 60 + {{ minute }}) * 60000000
        + {{ micros }}
    )
{%- endmacro %}
