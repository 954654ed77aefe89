{% macro listagg_sorted(measure, delimiter_text) -%}
    {#- The values of `measure` in a group, sorted, joined by
        `delimiter_text` (an SQL string). dbt's listagg drops the order on
        Spark (collect_list keeps whatever order rows arrive in), so a list
        could differ from run to run there; Spark sorts the array instead. -#}
    {{ return(adapter.dispatch('listagg_sorted', 'cx_platform')(measure, delimiter_text)) }}
{%- endmacro %}

{% macro default__listagg_sorted(measure, delimiter_text) -%}
    {{ dbt.listagg(measure, delimiter_text, 'order by ' ~ measure) }}
{%- endmacro %}

{% macro spark__listagg_sorted(measure, delimiter_text) -%}
    array_join(array_sort(collect_list({{ measure }})), {{ delimiter_text }})
{%- endmacro %}
