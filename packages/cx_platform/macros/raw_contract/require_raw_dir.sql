{% macro require_raw_dir(raw_dir) -%}
    {#- A compile error when the folder CX_RAW_DIR names holds no file,
        directly or in a subfolder (DuckDB's glob lists no folders, and
        nothing for a folder that does not exist): what to set it to, or to
        unset it to build the bundled sample data. Returns nothing. -#}
    {%- set folder = raw_dir.rstrip('/') -%}
    {%- set count = run_query(
        "select count(*) from (select file from glob(" ~ cx_platform.string_literal(folder ~ '/*')
        ~ ") union all select file from glob(" ~ cx_platform.string_literal(folder ~ '/*/*') ~ "))"
    ).columns[0].values()[0] -%}
    {%- if count == 0 -%}
        {{ exceptions.raise_compiler_error(
            "CX_RAW_DIR=" ~ raw_dir ~ ": the folder does not exist (or holds no"
            ~ " files). Set CX_RAW_DIR to a folder with the raw_<table>.csv /"
            ~ " .parquet files or raw_<table>/ folders of them, or unset it to"
            ~ " build the bundled sample data."
        ) }}
    {%- endif -%}
{%- endmacro %}
