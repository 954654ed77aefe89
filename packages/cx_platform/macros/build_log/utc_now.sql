{% macro utc_now() -%}
    {{ return(modules.datetime.datetime.now(modules.pytz.utc)) }}
{%- endmacro %}
