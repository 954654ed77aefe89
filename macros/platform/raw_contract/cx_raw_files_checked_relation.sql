{% macro cx_raw_files_checked_relation() -%}
    {#- audit.cx_raw_files_checked: the raw files (path, size in bytes) that
        passed cx_check_raw_files; created by cx_prepare_raw_dir. -#}
    {{ return(api.Relation.create(
        database=target.database, schema=generate_schema_name('audit', none),
        identifier='cx_raw_files_checked'
    )) }}
{%- endmacro %}
