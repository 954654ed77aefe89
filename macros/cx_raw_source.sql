{% macro cx_raw_source(source_name, table_name) -%}
    {#- The raw table of the contract, as a subquery with its raw columns and
        cx_source_file (the file a row came from; null for tables), from one
        of three places:
        - CX_RAW_DIR (env var) names a folder: its raw_<table>.parquet or
          raw_<table>.csv file and/or the files in its raw_<table>/ folder
          (e.g. one per day: incremental runs read only files not read
          before) (DuckDB);
        - var raw_source = 'seeds' (default): the bundled sample seed;
        - var raw_source = 'tables': the dbt source, i.e. tables loaded by
          any other means into var raw_schema.
        source() is called in every case, so lineage and docs show the
        contract whatever the data comes from. -#}
    {%- set relation = source(source_name, table_name) -%}
    {%- set raw_dir = env_var('CX_RAW_DIR', '') | trim -%}
    {%- if raw_dir != '' -%}
        {{ return(adapter.dispatch('read_raw_files', 'cx_metrics')(raw_dir, table_name, relation)) }}
    {%- else -%}
        {%- set table = ref(table_name) if var('raw_source', 'seeds') == 'seeds' else relation -%}
        {{ return('(select *, cast(null as ' ~ dbt.type_string() ~ ') as cx_source_file from ' ~ table ~ ')') }}
    {%- endif -%}
{%- endmacro %}

{% macro cx_raw_files_enabled() -%}
    {#- True when the raw tables are read from files (CX_RAW_DIR): the base
        models then load only the files they have not read before. -#}
    {{ return(env_var('CX_RAW_DIR', '') | trim != '') }}
{%- endmacro %}

{% macro default__read_raw_files(raw_dir, table_name, relation) -%}
    {{ exceptions.raise_compiler_error(
        "CX_RAW_DIR is supported on DuckDB only; on " ~ adapter.type()
        ~ " load " ~ table_name ~ " into the raw schema, unset CX_RAW_DIR and"
        ~ " set var raw_source to 'tables'."
    ) }}
{%- endmacro %}

{% macro duckdb__read_raw_files(raw_dir, table_name, relation) -%}
    {%- if not execute -%}
        {{ return('(select *, cast(null as varchar) as cx_source_file from ' ~ relation ~ ')') }}
    {%- endif -%}
    {%- set files = cx_raw_file_list(raw_dir, table_name) -%}
    {%- do cx_check_raw_files(files, table_name, cx_contract_columns(table_name)) -%}
    {{ return(cx_read_raw_files(files)) }}
{%- endmacro %}

{% macro cx_contract_columns(table_name) -%}
    {#- The columns of a raw table in the contract: the columns of its dbt
        source (models/staging/*/_*__sources.yml), in their order. -#}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.name == table_name -%}
        {{ return(node.columns.keys() | list) }}
    {%- endfor -%}
    {{ return([]) }}
{%- endmacro %}

{% macro cx_raw_file_list(raw_dir, table_name) -%}
    {#- The raw files of a table in CX_RAW_DIR, in name order. -#}
    {%- set base = raw_dir.rstrip('/') ~ '/' ~ table_name -%}
    {%- set patterns = [base ~ '.parquet', base ~ '/*.parquet', base ~ '.csv', base ~ '/*.csv'] -%}
    {%- set queries = [] -%}
    {%- for pattern in patterns -%}
        {%- do queries.append('select file from glob(' ~ cx_sql_string(pattern) ~ ')') -%}
    {%- endfor -%}
    {%- set found = run_query(
        queries | join(' union all ') ~ ' order by 1'
    ).columns[0].values() | list -%}
    {%- if found | length == 0 -%}
        {%- if not cx_raw_dir_has_files(raw_dir) -%}
            {{ exceptions.raise_compiler_error(cx_raw_dir_missing_message(raw_dir)) }}
        {%- endif -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR=" ~ raw_dir ~ " has neither " ~ table_name
            ~ ".parquet / .csv nor a " ~ table_name ~ "/ folder of such files"
        ) }}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}

{% macro cx_raw_dir_has_files(raw_dir) -%}
    {#- True when the folder CX_RAW_DIR holds a file, directly or in a
        subfolder (DuckDB's glob lists no folders, and nothing for a folder
        that does not exist). -#}
    {%- set folder = raw_dir.rstrip('/') -%}
    {%- set count = run_query(
        "select count(*) from (select file from glob(" ~ cx_sql_string(folder ~ '/*')
        ~ ") union all select file from glob(" ~ cx_sql_string(folder ~ '/*/*') ~ "))"
    ).columns[0].values()[0] -%}
    {{ return(count > 0) }}
{%- endmacro %}

{% macro cx_raw_dir_missing_message(raw_dir) -%}
    {{ return(
        "CX_RAW_DIR=" ~ raw_dir ~ ": the folder does not exist (or holds no"
        ~ " files). Set CX_RAW_DIR to a folder with the raw_<table>.csv /"
        ~ " .parquet files or raw_<table>/ folders of them, or unset it to"
        ~ " build the bundled sample data."
    ) }}
{%- endmacro %}

{% macro cx_prepare_raw_dir() -%}
    {#- on-run-start, when CX_RAW_DIR is set: one error for the run when it
        names no folder (instead of one per raw table), and the table of
        the raw files already checked (cx_check_raw_files), created here,
        before models compile on several threads. Returns no SQL. -#}
    {%- set raw_dir = env_var('CX_RAW_DIR', '') | trim -%}
    {%- if execute and raw_dir != '' -%}
        {%- if not cx_raw_dir_has_files(raw_dir) -%}
            {{ exceptions.raise_compiler_error(cx_raw_dir_missing_message(raw_dir)) }}
        {%- endif -%}
        {%- set checked = cx_raw_files_checked_relation() -%}
        {%- do run_query("create schema if not exists " ~ checked.include(identifier=false)) -%}
        {%- do run_query(
            "create table if not exists " ~ checked
            ~ " (file_path " ~ dbt.type_string() ~ ", file_size " ~ dbt.type_bigint() ~ ")"
        ) -%}
    {%- endif -%}
{%- endmacro %}

{% macro cx_csv_options(header=true) -%}
    {#- How raw CSV files are read (and probed by cx_check_raw_files): a
        header row, comma-separated, every value as text, and the quote
        character fixed rather than guessed from the first rows (a quoted
        value late in a large file would otherwise break the read). The
        encoding is DuckDB's default, UTF-8. header=false reads the header
        line as a row (cx_check_raw_files checks it like the others). -#}
    {{ return("header = " ~ ('true' if header else 'false')
        ~ ", delim = ',', quote = '\"', escape = '\"', all_varchar = true") }}
{%- endmacro %}

{% macro cx_read_raw_files(files) -%}
    {#- A subquery of the rows of `files` (all Parquet or all CSV) with
        cx_source_file, the file each row came from. -#}
    {%- set parquet = [] -%}
    {%- for f in files if f.endswith('.parquet') -%}
        {%- do parquet.append(f) -%}
    {%- endfor -%}
    {%- if parquet and parquet | length != files | length -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR mixes Parquet and CSV files for one table ("
            ~ files[0] ~ ", ...); use one format per table"
        ) }}
    {%- endif -%}
    {%- set file_list = cx_sql_string_list(files) -%}
    {%- if parquet -%}
        {%- set reader = "read_parquet(" ~ file_list ~ ", filename = true, union_by_name = true)" -%}
    {%- else -%}
        {%- set reader = "read_csv(" ~ file_list ~ ", " ~ cx_csv_options() ~ ", filename = true, union_by_name = true)" -%}
    {%- endif -%}
    {{ return("(select * exclude (filename), filename as cx_source_file from " ~ reader ~ ")") }}
{%- endmacro %}
