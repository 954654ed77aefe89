{% macro cx_utc_now() -%}
    {{ return(modules.datetime.datetime.now(modules.pytz.utc)) }}
{%- endmacro %}
