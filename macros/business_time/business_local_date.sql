{% macro business_local_date(ts) -%}
    {#- The local date, in var business_timezone, of a UTC timestamp: the
        key to join int_business_calendar for business_clock(). In UTC no
        zone conversion is needed. -#}
    {%- set tz = "'" ~ var('business_timezone') ~ "'" -%}
    {%- if var('business_timezone') | upper == 'UTC' -%}
        cast({{ ts }} as date)
    {%- else -%}
        cast({{ cx_platform.utc_to_zone(ts, tz) }} as date)
    {%- endif -%}
{%- endmacro %}
