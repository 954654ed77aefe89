{% macro timestamp_literal(value) -%}
    {{ return(
        "cast('" ~ value.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as "
        ~ dbt.type_timestamp() ~ ")"
    ) }}
{%- endmacro %}
