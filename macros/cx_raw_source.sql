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
    {{ return(cx_read_raw_files(files)) }}
{%- endmacro %}

{% macro cx_raw_file_list(raw_dir, table_name) -%}
    {#- The raw files of a table in CX_RAW_DIR, in name order. -#}
    {%- set base = raw_dir.rstrip('/') ~ '/' ~ table_name -%}
    {%- set found = run_query(
        "select file from glob('" ~ base ~ ".parquet') union all "
        ~ "select file from glob('" ~ base ~ "/*.parquet') union all "
        ~ "select file from glob('" ~ base ~ ".csv') union all "
        ~ "select file from glob('" ~ base ~ "/*.csv') order by 1"
    ).columns[0].values() | list -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR=" ~ raw_dir ~ " has neither " ~ table_name
            ~ ".parquet / .csv nor a " ~ table_name ~ "/ folder of such files"
        ) }}
    {%- endif -%}
    {{ return(found) }}
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
    {%- set file_list = "['" ~ (files | join("', '")) ~ "']" -%}
    {%- if parquet -%}
        {%- set reader = "read_parquet(" ~ file_list ~ ", filename = true, union_by_name = true)" -%}
    {%- else -%}
        {#- every value as text, and the quote character fixed rather than
            guessed from the first rows (a quoted value late in a large file
            would otherwise break the read) -#}
        {%- set reader = "read_csv(" ~ file_list ~ ", header = true, all_varchar = true, quote = '\"', escape = '\"', filename = true, union_by_name = true)" -%}
    {%- endif -%}
    {{ return("(select * exclude (filename), filename as cx_source_file from " ~ reader ~ ")") }}
{%- endmacro %}
