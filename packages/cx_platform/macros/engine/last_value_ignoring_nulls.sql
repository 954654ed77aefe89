{% macro last_value_ignoring_nulls(expression, window) -%}
    {#- The last non-null value of `expression` in the window frame `window`
        (the text inside over (...)): a running "latest so far" in a single
        window pass. -#}
    {{ return(adapter.dispatch('last_value_ignoring_nulls', 'cx_platform')(expression, window)) }}
{%- endmacro %}

{% macro default__last_value_ignoring_nulls(expression, window) -%}
    {#- Engines without IGNORE NULLS (Postgres): the last element of the
        array of non-null values; frames here are one ticket's events. -#}
    (array_agg({{ expression }}) filter (where {{ expression }} is not null)
        over ({{ window }}))[
        count({{ expression }}) over ({{ window }})
    ]
{%- endmacro %}

{% macro duckdb__last_value_ignoring_nulls(expression, window) -%}
    last_value({{ expression }} ignore nulls) over ({{ window }})
{%- endmacro %}

{% macro spark__last_value_ignoring_nulls(expression, window) -%}
    last_value({{ expression }}, true) over ({{ window }})
{%- endmacro %}
