{% macro cx_raw_files_enabled() -%}
    {#- True when the raw tables are read from files (CX_RAW_DIR): the base
        models then load only the files they have not read before. -#}
    {{ return(env_var('CX_RAW_DIR', '') | trim != '') }}
{%- endmacro %}
