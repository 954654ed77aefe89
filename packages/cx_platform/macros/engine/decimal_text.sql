{% macro decimal_text(expression) -%}
    {#- The decimal `expression` as text, the same on every engine: plain
        notation with 18 decimals (decimal(38, 18)), e.g. 12.5 as
        12.500000000000000000. -#}
    {{ return(adapter.dispatch('decimal_text', 'cx_platform')(expression)) }}
{%- endmacro %}

{% macro default__decimal_text(expression) -%}
    cast(cast({{ expression }} as decimal(38, 18)) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__decimal_text(expression) -%}
    {#- Spark may write a zero decimal in scientific notation (0E-18) -#}
    case
        when {{ expression }} = 0 then '0.000000000000000000'
        else cast(cast({{ expression }} as decimal(38, 18)) as string)
    end
{%- endmacro %}
