{% macro local_to_utc(ts, tz) -%}
    {#- The UTC instant of the local timestamp `ts` in the time zone named
        `tz` (a name known when the model compiles, e.g. a var). -#}
    {{ return(zone_to_utc(ts, "'" ~ tz ~ "'")) }}
{%- endmacro %}
