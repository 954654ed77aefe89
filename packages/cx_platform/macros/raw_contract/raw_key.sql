{% macro raw_key(key_columns, prefix='') -%}
    {#- SQL expression of the key of a raw row: the cleaned value
        (clean_text) of its key column, or for a key of several columns
        (a list) their cleaned values joined by '|', null when any of them
        is missing. `prefix` qualifies the columns, e.g. 'raw_rows.'. -#}
    {%- if key_columns is string or key_columns is none -%}
        {{ return(clean_text(prefix ~ key_columns)) }}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- set present = [] -%}
    {%- for column in key_columns -%}
        {%- if not loop.first -%}
            {%- do parts.append("'|'") -%}
        {%- endif -%}
        {%- do parts.append(clean_text(prefix ~ column)) -%}
        {%- do present.append(clean_text(prefix ~ column) ~ ' is not null') -%}
    {%- endfor -%}
    {{ return(
        'case when ' ~ present | join(' and ') ~ ' then '
        ~ dbt.concat(parts) ~ ' end'
    ) }}
{%- endmacro %}
