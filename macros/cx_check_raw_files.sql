{% macro cx_check_raw_files(files, table_name, columns) -%}
    {#- Compile-time check of the raw files of one table (CX_RAW_DIR) against
        the contract, so that bad input stops the build with an error that
        names the file, what is wrong and the fix, rather than with whatever
        DuckDB or a model makes of it. In order, for every file:
        1. it is not empty (0 bytes);
        2. its header (CSV) or schema (Parquet) has every contract column
           (names compared case-insensitively; extra columns are allowed);
        3. CSV only: its first 20,480 rows (DuckDB's sniffing sample) are
           UTF-8 and have as many values as the header has columns, read
           with exactly the options of the build (cx_csv_options), but
           recording problems (store_rejects) instead of failing on them.
        Rows further down are checked by DuckDB as the build reads them;
        its error names the file and the line. Costs a few metadata reads
        per table, plus the first rows of each CSV file. -#}
    {%- set file_list = cx_sql_string_list(files) -%}
    {%- set contract = columns | map('lower') | list -%}
    {%- set header_hint = "it needs the header row " ~ (columns | join(',')) -%}

    {#- 1. empty files (read_blob reads no content when only size is asked) -#}
    {%- set sizes = run_query(
        "select filename, size from read_blob(" ~ file_list ~ ") order by 1"
    ) -%}
    {%- for row in sizes.rows if row[1] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR: " ~ row[0] ~ " is empty (0 bytes). A raw file of "
            ~ table_name ~ " has at least its header: for CSV, "
            ~ header_hint ~ " (a header alone is a table without rows)."
            ~ " Write the file again, or remove it."
        ) }}
    {%- endfor -%}

    {#- 2. contract columns -#}
    {%- set is_csv = files[0].endswith('.csv') -%}
    {%- if is_csv -%}
        {%- do run_query("drop table if exists cx_probe_header_errors") -%}
        {%- do run_query("drop table if exists cx_probe_header_scans") -%}
        {#- Latin-1 maps every byte to a character, so the header of any
            file can be read; store_rejects keeps a malformed row from
            stopping the sniffer. -#}
        {%- set probes = [] -%}
        {%- for f in files -%}
            {%- do probes.append(
                "select " ~ cx_sql_string(f) ~ " as file_name,"
                ~ " ltrim(column_name, chr(239) || chr(187) || chr(191)) as name"
                ~ " from (describe select * from read_csv(" ~ cx_sql_string(f)
                ~ ", " ~ cx_csv_options() ~ ", encoding = 'latin-1',"
                ~ " store_rejects = true, rejects_scan = 'cx_probe_header_scans',"
                ~ " rejects_table = 'cx_probe_header_errors'))"
            ) -%}
        {%- endfor -%}
        {%- set header_sql = probes | join(' union all ') -%}
    {%- else -%}
        {%- set header_sql = "select file_name, name from parquet_schema(" ~ file_list
            ~ ") where num_children is null" -%}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for row in run_query(header_sql).rows -%}
        {%- do found.setdefault(row[0], []).append(row[1]) -%}
    {%- endfor -%}
    {%- for f in files -%}
        {%- set names = found.get(f, []) -%}
        {%- set lowered = names | map('lower') | list -%}
        {%- set missing = [] -%}
        {%- for c in contract if c not in lowered -%}
            {%- do missing.append(c) -%}
        {%- endfor -%}
        {%- if missing -%}
            {%- set hints = [] -%}
            {%- if is_csv and names | length == 1 and modules.re.search('[;\t|]', names[0]) -%}
                {%- do hints.append(" The header reads as one column: raw CSV files are comma-separated.") -%}
            {%- endif -%}
            {%- if modules.re.search('[^\x00-\x7f]', names | join('')) -%}
                {%- do hints.append(" The header has non-ASCII characters: raw CSV files are UTF-8.") -%}
            {%- endif -%}
            {{ exceptions.raise_compiler_error(
                "CX_RAW_DIR: " ~ f ~ " lacks the column" ~ ('s ' if missing | length > 1 else ' ')
                ~ (missing | join(', ')) ~ " of the raw contract of " ~ table_name
                ~ " (" ~ (columns | join(', ')) ~ "). Its "
                ~ ('header' if is_csv else 'schema') ~ " has: " ~ (names | join(', '))
                ~ ". Add the missing column" ~ ('s' if missing | length > 1 else '')
                ~ " (values may be empty where the contract allows it)."
                ~ (hints | join(''))
            ) }}
        {%- endif -%}
    {%- endfor -%}

    {#- 3. the first rows of CSV files: encoding and number of values -#}
    {%- if is_csv -%}
        {%- do run_query("drop table if exists cx_probe_row_errors") -%}
        {%- do run_query("drop table if exists cx_probe_row_scans") -%}
        {%- set probes = [] -%}
        {%- for f in files -%}
            {#- hash(sample) reads every value, so each one is decoded -#}
            {%- do probes.append(
                "select max(hash(sample)) as h from (select * from read_csv("
                ~ cx_sql_string(f) ~ ", " ~ cx_csv_options()
                ~ ", store_rejects = true, rejects_scan = 'cx_probe_row_scans',"
                ~ " rejects_table = 'cx_probe_row_errors') limit 20480) as sample"
            ) -%}
        {%- endfor -%}
        {%- do run_query(probes | join(' union all ')) -%}
        {%- set errors = run_query(
            "select scans.file_path, errors.line, errors.column_name,"
            ~ " errors.error_type, errors.csv_line, errors.error_message"
            ~ " from cx_probe_row_errors as errors"
            ~ " inner join cx_probe_row_scans as scans"
            ~ " on errors.scan_id = scans.scan_id and errors.file_id = scans.file_id"
            ~ " order by 1, 2 limit 1"
        ).rows -%}
        {%- if errors -%}
            {%- set e = errors[0] -%}
            {%- set where = "CX_RAW_DIR: " ~ e[0] ~ " line " ~ e[1] -%}
            {%- set shown = (e[4] or '') | truncate(120, true, '...') -%}
            {%- set width = found.get(e[0], columns) | length -%}
            {%- if 'ENCODING' in e[3] or 'UNICODE' in e[3] -%}
                {%- set message = where ~ " (column " ~ e[2] ~ ") is not UTF-8: raw"
                    ~ " CSV files must be UTF-8. Convert the file (e.g. iconv -f"
                    ~ " latin1 -t utf-8) or export it again as UTF-8." -%}
            {%- elif e[3] == 'TOO MANY COLUMNS' -%}
                {%- set message = where ~ " has more values than the " ~ width
                    ~ " columns of its header: " ~ shown ~ ". Quote values that"
                    ~ " contain a comma (\"a, b\"), or remove the extra values." -%}
            {%- elif e[3] == 'MISSING COLUMNS' -%}
                {%- set message = where ~ " has fewer values than the " ~ width
                    ~ " columns of its header (no value for " ~ e[2] ~ "): " ~ shown
                    ~ ". Every row has a value, possibly empty, for each column." -%}
            {%- else -%}
                {%- set message = where ~ ": " ~ e[5] ~ " (" ~ shown ~ ")." -%}
            {%- endif -%}
            {{ exceptions.raise_compiler_error(message) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
