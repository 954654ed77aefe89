{% macro check_raw_files(files, table_name, columns) -%}
    {#- Compile-time check of the raw files of one table (CX_RAW_DIR) against
        the contract, so that bad input stops the build with an error that
        names the file, what is wrong and the fix, rather than with whatever
        DuckDB or a model makes of it. Every file:
        1. is not empty (0 bytes);
        2. CSV: every line is UTF-8 (the header included);
        3. has every contract column in its CSV header or Parquet schema
           (names compared case-insensitively; extra columns are allowed);
        4. CSV: every row has as many values as the header has columns.
        CSV files are read once in full with the build's own options
        (csv_options), recording problems (store_rejects) instead of
        failing on them. A file that passed is recorded with its size and
        modification time in audit.cx_raw_files_checked and not read again
        while both stay the same: a daily run checks only the new day's
        files, and a file rewritten in place is checked again. -#}
    {%- set checked_relation = cx_platform.state_relation('cx_raw_files_checked') -%}
    {#- absent when no run hook made it (dbt compile): check, record nothing -#}
    {%- set can_record = run_query(
        "select count(*) from information_schema.tables where table_catalog = "
        ~ cx_platform.string_literal(checked_relation.database) ~ " and table_schema = "
        ~ cx_platform.string_literal(checked_relation.schema) ~ " and table_name = "
        ~ cx_platform.string_literal(checked_relation.identifier)
    ).columns[0].values()[0] > 0 -%}
    {%- set sizes = run_query(
        "select filename, size, epoch_us(last_modified) from read_blob("
        ~ cx_platform.sql_string_list(files) ~ ")"
    ) -%}
    {%- set size_of = {} -%}
    {%- set modified_of = {} -%}
    {%- for row in sizes.rows -%}
        {%- do size_of.update({row[0]: row[1]}) -%}
        {%- do modified_of.update({row[0]: row[2]}) -%}
    {%- endfor -%}
    {%- set checked = [] -%}
    {%- set checked_paths = [] -%}
    {%- if can_record -%}
        {%- for row in run_query(
            "select file_path, file_size, file_modified from " ~ checked_relation
            ~ " where file_path in (" ~ (cx_platform.sql_string_list(files)[1:-1]) ~ ")"
        ).rows -%}
            {%- do checked.append(row[0] ~ '|' ~ row[1] ~ '|' ~ row[2]) -%}
            {%- do checked_paths.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set todo = [] -%}
    {%- for f in files if (f ~ '|' ~ size_of.get(f) ~ '|' ~ modified_of.get(f)) not in checked -%}
        {%- do todo.append(f) -%}
    {%- endfor -%}
    {%- if not todo -%}
        {{ return('') }}
    {%- endif -%}
    {%- set is_csv = todo[0].endswith('.csv') -%}
    {%- for f in files if f.endswith('.csv') != is_csv -%}
        {#- the same error as read_raw_files, before files are misread -#}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR mixes Parquet and CSV files for one table ("
            ~ files[0] ~ ", ...); use one format per table"
        ) }}
    {%- endfor -%}
    {%- set contract = columns | map('lower') | list -%}

    {#- 1. empty files -#}
    {%- for f in todo if size_of.get(f) == 0 -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR: " ~ f ~ " is empty (0 bytes). A raw file of "
            ~ table_name ~ " has at least its header: for CSV, the header row "
            ~ (columns | join(',')) ~ " (a header alone is a table without"
            ~ " rows). Write the file again, or remove it."
        ) }}
    {%- endfor -%}

    {#- the columns of each file, and for CSV the first problems of its lines -#}
    {%- set names_of = {} -%}
    {%- set problems_of = {} -%}
    {%- if is_csv -%}
        {%- set described = [] -%}
        {%- set scans = [] -%}
        {%- for f in todo -%}
            {%- set reader = "read_csv(" ~ cx_platform.string_literal(f) ~ ", " ~ cx_platform.csv_options() -%}
            {%- set line_reader = "read_csv(" ~ cx_platform.string_literal(f) ~ ", " ~ cx_platform.csv_options(header=false) -%}
            {%- do described.append(
                "select " ~ cx_platform.string_literal(f) ~ " as file_name,"
                ~ " ltrim(column_name, chr(65279)) as name"
                ~ " from (describe select * from " ~ reader
                ~ ", store_rejects = true, rejects_scan = 'cx_probe_header_scans',"
                ~ " rejects_table = 'cx_probe_header_errors'))"
            ) -%}
            {#- header = false: the header line is checked like any other;
                hash(lines) reads every value, so each one is decoded -#}
            {%- do scans.append(
                "select max(hash(lines)) as h from " ~ line_reader
                ~ ", store_rejects = true, rejects_scan = 'cx_probe_scans',"
                ~ " rejects_table = 'cx_probe_errors') as lines"
            ) -%}
        {%- endfor -%}
        {%- for name in ['cx_probe_header_errors', 'cx_probe_header_scans', 'cx_probe_errors', 'cx_probe_scans'] -%}
            {%- do run_query("drop table if exists " ~ name) -%}
        {%- endfor -%}
        {%- for row in run_query(described | join(' union all ')).rows -%}
            {%- do names_of.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
        {%- do run_query(scans | join(' union all ')) -%}
        {#- per file, its first encoding problem and its first other one -#}
        {%- for row in run_query(
            "select scans.file_path, errors.line, errors.column_idx,"
            ~ " errors.error_type, errors.csv_line, errors.error_message,"
            ~ " errors.error_type in ('INVALID ENCODING', 'INVALID UNICODE') as is_encoding"
            ~ " from cx_probe_errors as errors"
            ~ " inner join cx_probe_scans as scans"
            ~ " on errors.scan_id = scans.scan_id and errors.file_id = scans.file_id"
            ~ " qualify row_number() over ("
            ~ " partition by scans.file_path, is_encoding order by errors.line) = 1"
        ).rows -%}
            {%- do problems_of.setdefault(row[0], {}).update({('encoding' if row[6] else 'values'): row}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for row in run_query(
            "select file_name, name from parquet_schema(" ~ cx_platform.sql_string_list(todo)
            ~ ") where num_children is null"
        ).rows -%}
            {%- do names_of.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
    {%- endif -%}

    {%- for f in todo -%}
        {%- set names = names_of.get(f, []) -%}
        {%- set problems = problems_of.get(f, {}) -%}
        {%- set where = "CX_RAW_DIR: " ~ f -%}

        {#- 2. encoding -#}
        {%- if problems.get('encoding') -%}
            {%- set e = problems['encoding'] -%}
            {%- set column = names[e[2] - 1] if e[1] > 1 and e[2] and e[2] <= names | length else none -%}
            {{ exceptions.raise_compiler_error(
                where ~ " line " ~ e[1] ~ (" (column " ~ column ~ ")" if column else "")
                ~ " is not UTF-8: raw CSV files must be UTF-8. Convert the file"
                ~ " (e.g. iconv -f latin1 -t utf-8) or export it again as UTF-8."
            ) }}
        {%- endif -%}

        {#- 3. contract columns -#}
        {%- set lowered = names | map('lower') | list -%}
        {%- set missing = [] -%}
        {%- for c in contract if c not in lowered -%}
            {%- do missing.append(c) -%}
        {%- endfor -%}
        {%- if missing -%}
            {%- set hint = "" -%}
            {%- if is_csv and names | length == 1 and modules.re.search('[;\t|]', names[0]) -%}
                {%- set hint = " The header reads as one column: raw CSV files are comma-separated." -%}
            {%- endif -%}
            {{ exceptions.raise_compiler_error(
                where ~ " lacks the column" ~ ('s ' if missing | length > 1 else ' ')
                ~ (missing | join(', ')) ~ " of the raw contract of " ~ table_name
                ~ " (" ~ (columns | join(', ')) ~ "). Its "
                ~ ('header' if is_csv else 'schema') ~ " has: " ~ (names | join(', '))
                ~ ". Add the missing column" ~ ('s' if missing | length > 1 else '')
                ~ " (values may be empty where the contract allows it)." ~ hint
            ) }}
        {%- endif -%}

        {#- 4. number of values per row -#}
        {%- if problems.get('values') -%}
            {%- set e = problems['values'] -%}
            {%- set shown = (e[4] or '') | truncate(120, true, '...') -%}
            {%- set line = where ~ " line " ~ e[1] -%}
            {%- if e[3] == 'TOO MANY COLUMNS' -%}
                {%- set message = line ~ " has more values than the " ~ names | length
                    ~ " columns of its header: " ~ shown ~ ". Quote values that"
                    ~ " contain a comma (\"a, b\"), or remove the extra values." -%}
            {%- elif e[3] == 'MISSING COLUMNS' -%}
                {%- set message = line ~ " has fewer values than the " ~ names | length
                    ~ " columns of its header: " ~ shown ~ ". Every row has a value,"
                    ~ " possibly empty, for each column." -%}
            {%- else -%}
                {%- set message = line ~ ": " ~ e[5] ~ " (" ~ shown ~ ")." -%}
            {%- endif -%}
            {{ exceptions.raise_compiler_error(message) }}
        {%- endif -%}
    {%- endfor -%}

    {#- every file passed: record it, so that it is not read again -#}
    {%- set values = [] -%}
    {%- for f in todo -%}
        {%- do values.append(
            "(" ~ cx_platform.string_literal(f) ~ ", " ~ size_of.get(f) ~ ", " ~ modified_of.get(f) ~ ")"
        ) -%}
    {%- endfor -%}
    {%- if can_record -%}
        {#- a file checked before with another fingerprint: rewritten -#}
        {%- set rewritten = todo | select('in', checked_paths) | list -%}
        {%- if rewritten -%}
            {%- do run_query(
                "delete from " ~ checked_relation ~ " where file_path in ("
                ~ (cx_platform.sql_string_list(rewritten)[1:-1]) ~ ")"
            ) -%}
        {%- endif -%}
        {%- do run_query(
            "insert into " ~ checked_relation ~ " (file_path, file_size, file_modified) values "
            ~ (values | join(', '))
        ) -%}
    {%- endif -%}
{%- endmacro %}
