{% macro csv_options(header=true) -%}
    {#- How raw CSV files are read (and probed by check_raw_files): a
        header row, comma-separated, every value as text, and the quote
        character fixed rather than guessed from the first rows (a quoted
        value late in a large file would otherwise break the read). The
        encoding is DuckDB's default, UTF-8. header=false reads the header
        line as a row (check_raw_files checks it like the others). -#}
    {{ return("header = " ~ ('true' if header else 'false')
        ~ ", delim = ',', quote = '\"', escape = '\"', all_varchar = true") }}
{%- endmacro %}
