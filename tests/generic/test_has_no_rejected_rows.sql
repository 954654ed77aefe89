{% test has_no_rejected_rows(model) %}
{#- Any rejected row at all: configured as a warning, so that the build
    passes but says which tables lost rows (logged with their counts). -#}
{%- if execute and load_relation(model) is not none -%}
    {%- set rejected = run_query(
        "select source_table, rejected_rows, rejected_pct from " ~ model
        ~ " where rejected_rows > 0 order by 1"
    ) -%} {#- noqa: LT02 #}
    {%- if rejected.rows | length > 0 -%}
        {%- set parts = [] -%}
        {%- for r in rejected.rows -%}
            {%- do parts.append(
                r[0] ~ " " ~ r[1] ~ " (" ~ "%.2f" | format(r[2] | float) ~ "%)"
            ) -%}
        {%- endfor -%}
        {{ log(
            "Rejected raw rows (below rejected_rows_error_pct, see "
            ~ "audit_rejected_rows): " ~ parts | join(", "),
            info=True
        ) }}
    {%- endif -%}
{%- endif -%}
select
    source_table,
    rejected_rows,
    rejected_pct
from {{ model }}
where rejected_rows > 0
{% endtest %}
