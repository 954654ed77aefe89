{% test rejected_share_within_limit(model, rejected_rows_model) %}
{#- Fails the build when a raw table's rejected share exceeds the var
    rejected_rows_error_pct, with an error that names the table(s) and the
    top reasons (a plain failing test would only print a row count). -#}
{%- set limit_pct = var('rejected_rows_error_pct') | float -%}
{#- Only when the audit exists: compile and docs generate run before it
    does. -#}
{%- if execute and load_relation(model) is not none -%}
    {%- set over = run_query(
        "select source_table, rejected_rows, raw_rows, rejected_pct from "
        ~ model ~ " where rejected_pct > " ~ limit_pct ~ " order by 1"
    ) -%} {#- noqa: LT02 #}
    {%- if over.rows | length > 0 -%}
        {%- set lines = [] -%}
        {%- for row in over.rows -%}
            {%- set reasons = run_query(
                "select reason, count(*) as n from " ~ rejected_rows_model
                ~ " where source_table = '" ~ row[0] ~ "' group by 1"
                ~ " order by 2 desc, 1 limit 3"
            ) -%}
            {%- set top = [] -%}
            {%- for r in reasons.rows -%}
                {%- do top.append(r[0] ~ " (" ~ r[1] ~ ")") -%}
            {%- endfor -%}
            {%- do lines.append(
                row[0] ~ ": " ~ row[1] ~ " of " ~ row[2] ~ " rows rejected ("
                ~ "%.2f" | format(row[3] | float) ~ "%), top reasons: "
                ~ top | join(", ")
            ) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Rejected rows above rejected_rows_error_pct=" ~ limit_pct ~ "%: "
            ~ lines | join("; ")
            ~ ". See audit_rejected_rows for every rejected row and its raw values."
        ) }}
    {%- endif -%}
{%- endif -%}
select *
from {{ model }}
where rejected_pct > {{ limit_pct }}
{% endtest %}
