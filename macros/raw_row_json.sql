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
    {{ return(adapter.dispatch('raw_row_json', 'cx_metrics')(columns, values)) }}
{%- endmacro %}

{% macro default__raw_row_json(columns, values) -%}
    {#- Built with string functions so that any engine can produce it. -#}
    '{' ||
    {%- for c in columns %}
    '"{{ c }}": ' || coalesce(
        '"' || replace({{ values[loop.index0] }}, '"', '\"') || '"',
        'null'
    ) ||{% if not loop.last %} ', ' ||{% endif %}
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

{% macro rejected_raw_row(raw_columns) -%}
    {#- The raw row as JSON for a rejected row (rejection_reason set), null
        for a staged one: the audit needs the raw text of the ~1% of rows it
        keeps, not of every row. Reads the raw__<column> values that
        key_checked_rows() carries. -#}
    case
        when rejection_reason is not null
            then {{ raw_row_json(raw_columns, 'raw__') }}
    end
{%- endmacro %}
