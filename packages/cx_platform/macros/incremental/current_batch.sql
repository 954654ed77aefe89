{% macro current_batch() -%}
    {#- The batch of this dbt invocation: every row a model (re)writes in it
        carries it, so that later models can find what changed. -#}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }}) {#- noqa: LT05 #}
{%- endmacro %}
