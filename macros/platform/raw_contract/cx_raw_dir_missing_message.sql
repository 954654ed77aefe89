{% macro cx_raw_dir_missing_message(raw_dir) -%}
    {{ return(
        "CX_RAW_DIR=" ~ raw_dir ~ ": the folder does not exist (or holds no"
        ~ " files). Set CX_RAW_DIR to a folder with the raw_<table>.csv /"
        ~ " .parquet files or raw_<table>/ folders of them, or unset it to"
        ~ " build the bundled sample data."
    ) }}
{%- endmacro %}
