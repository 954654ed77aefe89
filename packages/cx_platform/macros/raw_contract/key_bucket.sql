{% macro key_bucket(key) -%}
    {#- What a base_ model's repeated_keys CTE groups by: on DuckDB a 64-bit hash of the key
        (grouping and joining integers is cheaper than strings; two keys
        that share a hash only send both to the exact comparison, which
        partitions by the key itself), elsewhere the key. -#}
    {{ return(adapter.dispatch('key_bucket', 'cx_platform')(key)) }}
{%- endmacro %}

{% macro default__key_bucket(key) -%}
    {{ key }}
{%- endmacro %}

{% macro duckdb__key_bucket(key) -%}
    hash({{ key }})
{%- endmacro %}
