{% macro commit_raw_files() -%}
    {#- Post-hook of every base_ model (raw_scope gives it), in the model's
        transaction: with raw files (CX_RAW_DIR), the fingerprints raw_scope
        recorded for this run become the files the model has loaded, and
        the rows of changed and removed files that the run did not rewrite
        (their keys have no raw row any more) are deleted. A run that fails
        commits nothing: the next run compares with the same files. The
        delete runs only when a file changed or was removed (it scans the
        model). DuckDB statements: CX_RAW_DIR is DuckDB only. -#}
    {%- if not execute or cx_platform.raw_dir() == '' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set loaded_files = cx_platform.state_relation(
        'cx_raw_files_loaded'
    ) -%}
    {%- set model_name = cx_platform.string_literal(this.identifier) -%}
    {%- set this_run -%}
        model_name = {{ model_name }} and cx_batch = {{ cx_platform.current_batch() }} and not is_committed
    {%- endset -%}
    {%- set gone -%}
        select file_path from {{ loaded_files }}
        where {{ this_run }} and file_status in ('changed', 'removed')
    {%- endset -%}
    {%- if run_query(gone).rows | length > 0 %}
    delete from {{ this }}
    where
        cx_batch < {{ cx_platform.current_batch() }}
        and cx_source_file in ({{ gone }});
    {%- endif %}
    delete from {{ loaded_files }}
    where
        model_name = {{ model_name }}
        and is_committed
        and exists (
            select 1 {#- noqa: AL03 #}
            from {{ loaded_files }}
            where {{ this_run }}
        );
    delete from {{ loaded_files }}
    where
        model_name = {{ model_name }}
        and not is_committed
        and (
            cx_batch <> {{ cx_platform.current_batch() }}
            or file_status = 'removed'
        );
    update {{ loaded_files }} set is_committed = true
    where {{ this_run }}
{%- endmacro %}
