{% macro cx_sql_string(value) -%}
    {#- `value` as a SQL string literal, its single quotes doubled: any folder
        or file name (raw_o'brien/) can be pasted into generated SQL. -#}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}
