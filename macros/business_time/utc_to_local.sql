{% macro utc_to_local(ts, tz) -%}
    {#- The local timestamp, in the time zone named `tz` (a name known when
        the model compiles, e.g. a var), of the UTC instant `ts`. -#}
    {{ return(utc_to_zone(ts, "'" ~ tz ~ "'")) }}
{%- endmacro %}
