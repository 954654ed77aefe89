{% macro row_hash(columns) -%}
    {#- Fingerprint of a row's trimmed values, null-safe: two rows with the
        same fingerprint are identical for the duplicate_row rule. -#}
    {%- set parts = [] -%}
    {%- for c in columns -%}
        {%- do parts.append("coalesce(" ~ clean_text(c) ~ ", '<null>')") -%}
        {%- if not loop.last -%}{%- do parts.append("'<sep>'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
