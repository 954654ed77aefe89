{% macro raw_dir() -%}
    {#- The folder the env var CX_RAW_DIR names, trimmed; '' when it is
        unset or blank. Set, the raw tables are read from its files (DuckDB)
        and the base_ models load only files they have not loaded before;
        '' means raw tables (var raw_source: the bundled seeds or
        raw_schema). -#}
    {{ return(env_var('CX_RAW_DIR', '') | trim) }}
{%- endmacro %}
