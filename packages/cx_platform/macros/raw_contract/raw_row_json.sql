{% macro raw_row_json(columns, prefix='', cleaned=false) -%}
    {#- A JSON object of the text values of `columns` (read from
        prefix ~ column; trimmed, empty as null, when `cleaned`): the raw row
        of the audit, and with cleaned=true the fingerprint that tells
        identical rows (duplicate_row) from differing ones
        (conflicting_key). -#}
    {%- set values = [] -%}
    {%- for c in columns -%}
        {%- if cleaned -%}
            {%- do values.append(clean_text(prefix ~ c)) -%}
        {%- else -%}
            {%- do values.append('cast(' ~ prefix ~ c ~ ' as ' ~ dbt.type_string() ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('raw_row_json', 'cx_platform')(columns, values)) }}
{%- endmacro %}

{% macro default__raw_row_json(columns, values) -%}
    {#- Built with string functions so that any engine can produce it, in
        exactly the text of DuckDB's json_object() (below): no spaces, a
        backslash and a quote escaped, control characters as \b \t \n \f \r
        or \u00XX (upper-case hex), any other character as itself. So the
        audit's raw rows are the same text on every engine. -#}
    '{' ||
    {%- for c in columns %}
    '"{{ c }}":' || coalesce(
        '"' || {{ cx_platform.json_escaped(values[loop.index0]) }} || '"',
        'null'
    ) ||{% if not loop.last %} ',' ||{% endif %}
    {%- endfor %}
    '}'
{%- endmacro %}

{% macro duckdb__raw_row_json(columns, values) -%}
    cast(json_object(
        {%- for c in columns %}
        '{{ c }}', {{ values[loop.index0] }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}
