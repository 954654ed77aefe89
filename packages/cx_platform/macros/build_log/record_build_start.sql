{#- The build log: whether the warehouse's last build completed, read from
    the warehouse itself.

    Every dbt invocation that runs nodes (build, run, test, seed, snapshot,
    retry, clone; not compile or docs generate) records itself in audit.cx_build_runs and the result of
    every node it ran in audit.cx_build_run_nodes (documented as the source
    cx_build_log, models/audit/_cx_build_log__sources.yml). on-run-start
    records the run as 'running'; on-run-end records its node results, then
    its status: 'success', or 'failed' when a node errored, failed or was
    skipped. A run stopped before on-run-end (SIGTERM, Ctrl-C, kill -9)
    stays 'running': the next run, which can only start once it is gone
    (DuckDB admits one writer), marks it 'interrupted'.

    dbt builds in place and keeps what a failed run wrote, so after a
    failed run the relations it rebuilt (status 'success') sit beside the
    ones it selected but did not rebuild ('error', 'skipped'), which still
    hold an earlier run's data; `python3 -m cx_tools build` prints those
    (cx_tools/build_log.py). -#}

{% macro record_build_start() -%}
    {#- on-run-start: record this run as 'running' (once, even if the hook
        is rendered again), after marking runs that never ended
        'interrupted'. -#}
    {%- if not cx_platform.build_log_records_run() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set runs = cx_platform.build_log_relation('cx_build_runs') -%}
    {%- set this_run = "invocation_id = " ~ cx_platform.sql_literal(invocation_id) -%}
    {% do cx_platform.create_build_log() %}
    {% do cx_platform.update_rows(
        runs, {'status': "'interrupted'"},
        "status = 'running' and not (" ~ this_run ~ ")"
    ) %}
    {% do run_query(
        "insert into " ~ runs ~ " select "
        ~ cx_platform.sql_literal(invocation_id) ~ ", "
        ~ cx_platform.sql_literal(flags.WHICH) ~ ", "
        ~ cx_platform.sql_literal(cx_platform.node_selection()) ~ ", 'running', null, null, null, "
        ~ ('true' if flags.FULL_REFRESH else 'false') ~ ", "
        ~ cx_platform.timestamp_literal(run_started_at) ~ ", null"
        ~ " where not exists (select 1 from " ~ runs ~ " where " ~ this_run ~ ")"
    ) %}
{%- endmacro %}
