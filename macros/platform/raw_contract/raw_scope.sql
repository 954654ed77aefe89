{% macro raw_scope(source_name, table_name, key_column, staged_key, extra_keys=none) -%}
    {#- The raw rows a base_ model validates in this run, as
        {'relation': <relation or CTE name>, 'ctes': <CTEs to put first>}.
        A full build validates every raw row. An incremental run validates
        the rows of the files it has not loaded before, plus every raw row
        (from any file) of a key that those rows repeat or that
        `extra_keys` (a query of staged keys, e.g. rows whose parent
        changed; __new_raw_rows__ in it stands for the new raw rows) names: the key rules and references of those keys are
        re-evaluated from their raw rows, exactly as a full build would, and
        the delete+insert on the key replaces them. -#}
    {%- set raw = cx_raw_source(source_name, table_name) -%}
    {%- if not is_incremental() or not execute -%}
        {{ return({'relation': raw, 'ctes': ''}) }}
    {%- endif -%}
    {%- set raw_dir = env_var('CX_RAW_DIR', '') | trim -%}
    {%- set files = cx_raw_file_list(
        raw_dir, table_name,
        required=not cx_raw_declaration(table_name).optional
    ) -%}
    {%- set loaded = run_query(
        "select distinct cx_source_file from " ~ this
        ~ " where cx_source_file is not null"
    ).columns[0].values() | list -%}
    {%- set new_files = files | reject('in', loaded) | list -%}
    {%- set old_files = files | select('in', loaded) | list -%}
    {%- set key = raw_key(key_column, 'raw_rows.') -%}
    {%- set new_rows -%}
        {%- if new_files -%}
        select * from {{ cx_read_raw_files(new_files) }}
        {%- else -%}
        select * from {{ raw }} as raw_rows where 1 = 0
        {%- endif -%}
    {%- endset -%}
    {%- set candidate_keys -%}
        select {{ key }} as scope_key
        from ({{ new_rows }}) as raw_rows
        {%- if extra_keys %}
        union
        select * from (
            {{ extra_keys | replace('__new_raw_rows__', '(' ~ new_rows ~ ')') }}
        ) as extra_keys
        {%- endif %}
    {%- endset -%}
    {%- set repeated_old_keys -%}
        select loaded.{{ staged_key }} as scope_key
        from {{ this }} as loaded
        where loaded.{{ staged_key }} in ({{ candidate_keys }})
    {%- endset -%}
    {%- set old_hits = 0 -%}
    {%- if old_files -%}
        {%- set old_hits = run_query(
            "select count(*) from (" ~ repeated_old_keys ~ ") as hits"
        ).columns[0].values()[0] -%}
    {%- endif -%}
    {%- set ctes -%}
raw_new_rows as (
    {{ new_rows }}
),

raw_rows_in_scope as (
    select * from raw_new_rows
    {%- if old_hits > 0 %}
    union all
    select raw_rows.*
    from {{ cx_read_raw_files(old_files) }} as raw_rows
    where {{ key }} in ({{ repeated_old_keys }})
    {%- endif %}
),
    {%- endset -%}
    {{ return({'relation': 'raw_rows_in_scope', 'ctes': ctes}) }}
{%- endmacro %}
