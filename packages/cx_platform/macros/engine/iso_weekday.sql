{% macro iso_weekday(date_expression) -%}
    {#- ISO day of the week: 1 = Monday … 7 = Sunday. -#}
    {{ return(adapter.dispatch('iso_weekday', 'cx_platform')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as integer)
{%- endmacro %}

{% macro spark__iso_weekday(date_expression) -%}
    ((dayofweek({{ date_expression }}) + 5) % 7 + 1)
{%- endmacro %}
