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
