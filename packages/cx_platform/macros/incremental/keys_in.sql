{% macro keys_in(column, keys_sql, max_literals=250000) -%}
    {#- `column in (keys_sql)`, written as a list of literals when the keys
        are few: a literal list is pushed below window functions and
        aggregates of the views a model reads (a subquery is not), so a
        daily run sorts only the affected tickets' events instead of all of
        them. Many keys (a recompute of everything) keep the subquery.
        250,000: a day of ten million customers touches about 110,000
        tickets; as literals (6.5 s to write them, 1.5 s for DuckDB to
        plan the list) int_ticket_milestones took 27 s instead of the 178 s
        in which the subquery sorted all 113M events, and the 226,000
        customers of int_customer_activity_spells 29 s instead of 41 s.
        250,000 keys now take about 6 s to fetch and write. -#}
    {%- if not execute -%}
        {{ return(column ~ ' in (' ~ keys_sql ~ ')') }}
    {%- endif -%}
    {%- set values = run_query(
        'select distinct * from (' ~ keys_sql ~ ') as cx_keys limit '
        ~ (max_literals + 1)
    ).columns[0].values() | reject('none') | list -%}
    {%- if values | length > max_literals -%}
        {{ return(column ~ ' in (' ~ keys_sql ~ ')') }}
    {%- elif values | length == 0 -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {#- the engine's quoting macro, found once: dispatching it for each of
        250,000 keys took longer than the rest of the rendering -#}
    {%- set quote = adapter.dispatch('string_literal', 'cx_platform') -%}
    {%- set literals = [] -%}
    {%- for v in values | sort -%}
        {%- do literals.append(quote(v | string)) -%}
    {%- endfor -%}
    {{ return(column ~ ' in (' ~ literals | join(', ') ~ ')') }}
{%- endmacro %}
