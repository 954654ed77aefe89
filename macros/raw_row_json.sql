{% macro raw_row_json(columns) -%}
    {{ return(adapter.dispatch('raw_row_json', 'cx_metrics')(columns)) }}
{%- endmacro %}

{% macro default__raw_row_json(columns) -%}
    {#- A JSON object of the raw text values, built with string functions so
        that any engine can produce it. -#}
    '{' ||
    {%- for c in columns %}
    '"{{ c }}": ' || coalesce(
        '"' || replace(cast({{ c }} as {{ dbt.type_string() }}), '"', '\"') || '"',
        'null'
    ) ||{% if not loop.last %} ', ' ||{% endif %}
    {%- endfor %}
    '}'
{%- endmacro %}

{% macro duckdb__raw_row_json(columns) -%}
    cast(json_object(
        {%- for c in columns %}
        '{{ c }}', cast({{ c }} as varchar){% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}
