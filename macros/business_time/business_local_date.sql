{% macro business_local_date(ts) -%}
    {#- The local date, in var business_timezone, of a UTC timestamp: the
        key to join int_business_calendar for business_clock(). In UTC no
        zone conversion is needed. -#}
    {%- if var('business_timezone') | upper == 'UTC' -%}
        cast({{ ts }} as date)
    {%- else -%}
        cast({{ utc_to_local(ts, var('business_timezone')) }} as date)
    {%- endif -%}
{%- endmacro %}
