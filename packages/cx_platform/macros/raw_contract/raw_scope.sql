{% macro raw_scope(source_name, table_name, key_column, staged_key, extra_keys=none) -%}
    {#- The raw rows a base_ model validates in this run, as
        {'relation': <relation or CTE name>, 'ctes': <CTEs to put first>}.
        A full build validates every raw row. With raw files (CX_RAW_DIR)
        each file is fingerprinted first (size and modification time from
        read_blob, which reads no content; plus an md5 of the content when
        the file was modified within 2 seconds of now, which the
        modification time, to the second, cannot tell apart from a later
        rewrite in the same second), and the fingerprints are recorded for
        the run in audit.cx_raw_files_loaded with the file's status against
        the ones the last successful run of the model loaded: new, changed,
        same or removed (a file no longer there; a warning names it).
        commit_raw_files, the post-hook this macro gives the model, makes
        them the loaded ones when the model succeeds.
        An incremental run validates the rows of the new and changed files,
        plus every raw row (from any file) of a key that those rows repeat,
        that a loaded row of a changed or removed file carries, or that
        `extra_keys` (a query of staged keys, e.g. rows whose parent
        changed; __new_raw_rows__ in it stands for the new raw rows) names:
        the key rules and references of those keys are re-evaluated from
        their raw rows, exactly as a full build would, and the delete+insert
        on the key replaces them. A key that no raw row carries any more is
        deleted by commit_raw_files. The loaded rows of changed and removed
        files are copied first, with this run's cx_batch, into
        audit.cx_replaced__<model>, so that downstream models also recompute
        what their old values reached (with_replaced_rows); a full build
        drops that table. -#}
    {%- do config(post_hook=['{{ cx_platform.commit_raw_files() }}']) -%}
    {%- set raw = cx_platform.raw_source(source_name, table_name) -%}
    {#- raw tables (not files) carry no mark of new rows: read them whole -#}
    {%- if not execute or cx_platform.raw_dir() == '' -%}
        {{ return({'relation': raw, 'ctes': ''}) }}
    {%- endif -%}
    {%- set model_name = cx_platform.string_literal(this.identifier) -%}
    {%- set loaded_files = cx_platform.state_relation('cx_raw_files_loaded') -%}
    {#- the same name as in with_replaced_rows -#}
    {%- set replaced = cx_platform.state_relation('cx_replaced__' ~ this.identifier) -%}
    {%- set files = cx_platform.raw_file_list(table_name) -%}

    {#- the files now: size, modification time (µs), recently modified -#}
    {%- set now = {} -%}
    {%- if files -%}
        {%- for row in run_query(
            "select filename, size, epoch_us(last_modified),"
            ~ " last_modified >= get_current_timestamp() - interval 2 second"
            ~ " from read_blob(" ~ cx_platform.sql_string_list(files) ~ ")"
        ).rows -%}
            {%- do now.update({row[0]: {
                'size': row[1], 'modified': row[2], 'recent': row[3], 'md5': none,
            }}) -%}
        {%- endfor -%}
    {%- endif -%}
    {#- the files the model's last successful run loaded; none when no run
        hook made the table (dbt compile) -#}
    {%- set can_record = run_query(
        "select count(*) from information_schema.tables where table_catalog = "
        ~ cx_platform.string_literal(loaded_files.database) ~ " and table_schema = "
        ~ cx_platform.string_literal(loaded_files.schema) ~ " and table_name = "
        ~ cx_platform.string_literal(loaded_files.identifier)
    ).columns[0].values()[0] > 0 -%}
    {%- set before = {} -%}
    {%- if is_incremental() and can_record -%}
        {%- for row in run_query(
            "select file_path, file_size, file_modified, content_md5 from "
            ~ loaded_files ~ " where model_name = " ~ model_name
            ~ " and is_committed"
        ).rows -%}
            {%- do before.update({row[0]: {
                'size': row[1], 'modified': row[2], 'md5': row[3],
            }}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set legacy = is_incremental() and not before -%}
    {%- if legacy -%}
        {#- a model loaded before fingerprints were recorded: the files it
            holds rows of count as unchanged, once -#}
        {%- set loaded_names = run_query(
            "select distinct cx_source_file from " ~ this
            ~ " where cx_source_file is not null"
        ).columns[0].values() | list -%}
        {%- for f in loaded_names -%}
            {%- do before.update({f: {}}) -%}
        {%- endfor -%}
    {%- endif -%}
    {#- an md5 where the time cannot tell: recent files, and files whose
        recorded fingerprint has one and the same size and time -#}
    {%- set hashed = [] -%}
    {%- for f in files if now[f].recent or (
        not legacy and f in before and before[f].md5 is not none
        and before[f].size == now[f].size
        and before[f].modified == now[f].modified
    ) -%}
        {%- do hashed.append(f) -%}
    {%- endfor -%}
    {%- if hashed -%}
        {%- for row in run_query(
            "select filename, md5(content) from read_blob("
            ~ cx_platform.sql_string_list(hashed) ~ ")"
        ).rows -%}
            {%- do now[row[0]].update({'md5': row[1]}) -%}
        {%- endfor -%}
    {%- endif -%}

    {#- each file's status -#}
    {%- set status = {} -%}
    {%- for f in files -%}
        {%- if f not in before -%}
            {%- do status.update({f: 'new'}) -%}
        {%- elif legacy -%}
            {%- do status.update({f: 'same'}) -%}
        {%- elif before[f].size != now[f].size
            or before[f].modified != now[f].modified
            or (before[f].md5 is not none and before[f].md5 != now[f].md5) -%}
            {%- do status.update({f: 'changed'}) -%}
        {%- else -%}
            {%- do status.update({f: 'same'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set removed = before.keys() | reject('in', files) | sort -%}
    {%- set new_files = [] -%}
    {%- set changed_files = [] -%}
    {%- set old_files = [] -%}
    {%- for f in files -%}
        {%- if status[f] == 'same' -%}
            {%- do old_files.append(f) -%}
        {%- else -%}
            {%- do new_files.append(f) -%}
        {%- endif -%}
        {%- if status[f] == 'changed' -%}
            {%- do changed_files.append(f) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for f in changed_files -%}
        {%- do log(
            this.identifier ~ ": " ~ f ~ " changed since it was loaded (size "
            ~ before[f].size ~ " -> " ~ now[f].size ~ " bytes): its rows are reloaded",
            info=true
        ) -%}
    {%- endfor -%}
    {%- for f in removed -%}
        {%- do exceptions.warn(
            this.identifier ~ ": the raw file " ~ f ~ " was loaded before and is"
            ~ " gone from CX_RAW_DIR: its rows are removed, as a full build on"
            ~ " the remaining files would have it"
        ) -%}
    {%- endfor -%}

    {#- record this run's fingerprints (commit_raw_files makes them the
        loaded ones when the model succeeds) -#}
    {%- if can_record -%}
        {%- set values = [] -%}
        {%- for f in files -%}
            {%- do values.append(
                "(" ~ model_name ~ ", " ~ cx_platform.string_literal(f) ~ ", "
                ~ now[f].size ~ ", " ~ now[f].modified ~ ", "
                ~ (cx_platform.string_literal(now[f].md5) if now[f].recent else 'null')
                ~ ", '" ~ status[f] ~ "', " ~ cx_platform.current_batch() ~ ", false)"
            ) -%}
        {%- endfor -%}
        {%- for f in removed -%}
            {%- do values.append(
                "(" ~ model_name ~ ", " ~ cx_platform.string_literal(f)
                ~ ", null, null, null, 'removed', " ~ cx_platform.current_batch() ~ ", false)"
            ) -%}
        {%- endfor -%}
        {%- do run_query(
            "delete from " ~ loaded_files ~ " where model_name = " ~ model_name
            ~ " and not is_committed"
        ) -%}
        {%- if values -%}
            {%- do run_query(
                "insert into " ~ loaded_files ~ " values " ~ values | join(', ')
            ) -%}
        {%- endif -%}
    {%- endif -%}

    {%- if not is_incremental() -%}
        {#- a full build: nothing is replaced -#}
        {%- do run_query("drop table if exists " ~ replaced) -%}
        {%- do adapter.cache_dropped(replaced) -%}
        {{ return({'relation': raw, 'ctes': ''}) }}
    {%- endif -%}

    {%- set gone_files = changed_files + removed -%}
    {%- if gone_files -%}
        {#- the loaded rows of changed and removed files, with this run's
            batch: what downstream models must recompute besides the new
            rows (with_replaced_rows). Rows every downstream model has
            processed are dropped first. -#}
        {%- do run_query(
            "create table if not exists " ~ replaced ~ " as select * from "
            ~ this ~ " where false"
        ) -%}
        {#- with_replaced_rows looks for it in dbt's cache of relations -#}
        {%- do adapter.cache_added(replaced) -%}
        {%- do run_query(
            "delete from " ~ replaced ~ " where cx_batch <= (select min(processed)"
            ~ " from (select max(processed_batch) as processed from "
            ~ cx_platform.state_relation() ~ " group by model_name) as models)"
        ) -%}
        {%- do run_query(
            "insert into " ~ replaced ~ " by name select * replace ("
            ~ cx_platform.current_batch() ~ " as cx_batch) from " ~ this
            ~ " where cx_source_file in (" ~ cx_platform.sql_string_list(gone_files)[1:-1] ~ ")"
        ) -%}
    {%- endif -%}

    {%- set key = cx_platform.raw_key(key_column, 'raw_rows.') -%}
    {%- set new_rows -%}
        {%- if new_files -%}
        select * from {{ cx_platform.read_raw_files(new_files) }}
        {%- else -%}
        select * from {{ raw }} as raw_rows where 1 = 0
        {%- endif -%}
    {%- endset -%}
    {%- set candidate_keys -%}
        select {{ key }} as scope_key
        from ({{ new_rows }}) as raw_rows
        {%- if gone_files %}
        union
        select gone.{{ staged_key }}
        from {{ this }} as gone
        where gone.cx_source_file in ({{ cx_platform.sql_string_list(gone_files)[1:-1] }})
        {%- endif %}
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
    from {{ cx_platform.read_raw_files(old_files) }} as raw_rows
    where {{ key }} in ({{ repeated_old_keys }})
    {%- endif %}
),
    {%- endset -%}
    {{ return({'relation': 'raw_rows_in_scope', 'ctes': ctes}) }}
{%- endmacro %}
