{% macro cx_raw_source(source_name, table_name) -%}
    {#- The raw table of the contract, from one of three places:
        - CX_RAW_DIR (env var) names a folder: its raw_<table>.parquet or
          raw_<table>.csv file (DuckDB);
        - var raw_source = 'seeds' (default): the bundled sample seed;
        - var raw_source = 'tables': the dbt source, i.e. tables loaded by
          any other means into var raw_schema (default raw).
        source() is called in every case, so lineage and docs show the
        contract whatever the data comes from. -#}
    {%- set relation = source(source_name, table_name) -%}
    {%- set raw_dir = env_var('CX_RAW_DIR', '') | trim -%}
    {%- if raw_dir != '' -%}
        {{ return(adapter.dispatch('read_raw_file', 'cx_metrics')(raw_dir, table_name, relation)) }}
    {%- elif var('raw_source', 'seeds') == 'seeds' -%}
        {{ return(ref(table_name)) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__read_raw_file(raw_dir, table_name, relation) -%}
    {{ exceptions.raise_compiler_error(
        "CX_RAW_DIR is supported on DuckDB only; on " ~ adapter.type()
        ~ " load " ~ table_name ~ " into the raw schema, unset CX_RAW_DIR and"
        ~ " set var raw_source to 'tables'."
    ) }}
{%- endmacro %}

{% macro duckdb__read_raw_file(raw_dir, table_name, relation) -%}
    {%- set base = raw_dir.rstrip('/') ~ '/' ~ table_name -%}
    {%- if not execute -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set found = run_query(
        "select file from glob('" ~ base ~ ".parquet') union all "
        ~ "select file from glob('" ~ base ~ ".csv')"
    ).columns[0].values() -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR=" ~ raw_dir ~ " has neither " ~ table_name
            ~ ".parquet nor " ~ table_name ~ ".csv"
        ) }}
    {%- elif found[0].endswith('.parquet') -%}
        {{ return("read_parquet('" ~ found[0] ~ "')") }}
    {%- else -%}
        {{ return("read_csv('" ~ found[0] ~ "', header = true, all_varchar = true)") }}
    {%- endif -%}
{%- endmacro %}
