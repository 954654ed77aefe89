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

{% macro cx_build_log_relation(identifier) -%}
    {{ return(api.Relation.create(
        database=target.database if target.database is defined else none,
        schema=generate_schema_name('audit', none), identifier=identifier
    )) }}
{%- endmacro %}

{% macro cx_sql_literal(value) -%}
    {#- A value as an SQL literal: null, a number or a quoted string. -#}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is number and value is not boolean -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return(cx_string_literal(value | string)) }}
    {%- endif -%}
{%- endmacro %}

{% macro cx_utc_now() -%}
    {{ return(modules.datetime.datetime.now(modules.pytz.utc)) }}
{%- endmacro %}

{% macro cx_timestamp_literal(value) -%}
    {{ return(
        "cast('" ~ value.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as "
        ~ dbt.type_timestamp() ~ ")"
    ) }}
{%- endmacro %}

{% macro create_build_log() -%}
    {%- set runs = cx_build_log_relation('cx_build_runs') -%}
    {%- set nodes = cx_build_log_relation('cx_build_run_nodes') -%}
    {%- set text = dbt.type_string() -%}
    {%- set int = dbt.type_int() -%}
    {%- set ts = dbt.type_timestamp() -%}
    {% do adapter.create_schema(runs) %}
    {% do run_query(
        "create table if not exists " ~ runs ~ " ("
        ~ "invocation_id " ~ text ~ ", dbt_command " ~ text
        ~ ", node_selection " ~ text ~ ", status " ~ text
        ~ ", nodes_run " ~ int ~ ", nodes_failed " ~ int
        ~ ", nodes_skipped " ~ int ~ ", is_full_refresh " ~ dbt.type_boolean()
        ~ ", started_at " ~ ts ~ ", finished_at " ~ ts ~ ")"
    ) %}
    {% do run_query(
        "create table if not exists " ~ nodes ~ " ("
        ~ "invocation_id " ~ text ~ ", unique_id " ~ text
        ~ ", tested_unique_id " ~ text ~ ", node_name " ~ text
        ~ ", resource_type " ~ text ~ ", relation_name " ~ text
        ~ ", status " ~ text ~ ", message " ~ text
        ~ ", failures " ~ int ~ ", execution_seconds " ~ cx_type_double() ~ ")"
    ) %}
{%- endmacro %}

{% macro cx_node_selection() -%}
    {#- The run's --select / --exclude as text; null: the whole project. -#}
    {%- set parts = [] -%}
    {%- for arg in ['select', 'exclude'] -%}
        {%- set value = invocation_args_dict.get(arg) -%}
        {%- if value -%}
            {%- set values = [value] if value is string else value | list -%}
            {%- do parts.append('--' ~ arg ~ ' ' ~ values | join(' ')) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | join(' ') if parts else none) }}
{%- endmacro %}

{% macro cx_build_log_records_run() -%}
    {#- Whether this invocation belongs in the build log: the commands that
        run nodes (`retry` reruns the failed nodes of one of them, `clone`
        writes relations). `dbt compile`, `dbt docs generate` and `dbt show`
        also render the hooks (with execute true) but run nothing: they
        leave the log alone. -#}
    {{ return(
        execute
        and flags.WHICH in ['build', 'run', 'test', 'seed', 'snapshot', 'retry', 'clone']
    ) }}
{%- endmacro %}

{% macro record_build_start() -%}
    {#- on-run-start: record this run as 'running' (once, even if the hook
        is rendered again), after marking runs that never ended
        'interrupted'. -#}
    {%- if not cx_build_log_records_run() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set runs = cx_build_log_relation('cx_build_runs') -%}
    {%- set this_run = "invocation_id = " ~ cx_sql_literal(invocation_id) -%}
    {% do create_build_log() %}
    {% do cx_update_rows(
        runs, {'status': "'interrupted'"},
        "status = 'running' and not (" ~ this_run ~ ")"
    ) %}
    {% do run_query(
        "insert into " ~ runs ~ " select "
        ~ cx_sql_literal(invocation_id) ~ ", "
        ~ cx_sql_literal(flags.WHICH) ~ ", "
        ~ cx_sql_literal(cx_node_selection()) ~ ", 'running', null, null, null, "
        ~ ('true' if flags.FULL_REFRESH else 'false') ~ ", "
        ~ cx_timestamp_literal(run_started_at) ~ ", null"
        ~ " where not exists (select 1 from " ~ runs ~ " where " ~ this_run ~ ")"
    ) %}
{%- endmacro %}

{% macro cx_tested_unique_id(node) -%}
    {#- The model, seed or source a data test (attached_node, or its one
        parent) or unit test (tested_node_unique_id) checks; null for other
        nodes. -#}
    {%- if node.resource_type == 'test' -%}
        {%- if node.attached_node is defined and node.attached_node -%}
            {{ return(node.attached_node) }}
        {%- elif node.depends_on.nodes | length == 1 -%}
            {{ return(node.depends_on.nodes[0]) }}
        {%- endif -%}
    {%- elif node.resource_type == 'unit_test'
        and node.tested_node_unique_id is defined -%}
        {{ return(node.tested_node_unique_id) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro record_build_end(results) -%}
    {#- on-run-end: record every node result, then the run's status. -#}
    {%- if not cx_build_log_records_run() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set runs = cx_build_log_relation('cx_build_runs') -%}
    {%- set nodes = cx_build_log_relation('cx_build_run_nodes') -%}
    {%- set failed_states = ['error', 'fail', 'runtime error', 'partial success'] -%}
    {%- set counts = {'failed': 0, 'skipped': 0} -%}
    {%- set rows = [] -%}
    {%- for result in results -%}
        {%- set node = result.node -%}
        {%- set status = result.status | string -%}
        {%- if status in failed_states -%}
            {%- do counts.update({'failed': counts.failed + 1}) -%}
        {%- elif status == 'skipped' -%}
            {%- do counts.update({'skipped': counts.skipped + 1}) -%}
        {%- endif -%}
        {%- set relation = none -%}
        {%- if node.resource_type in ['model', 'seed', 'snapshot']
            and node.config.materialized != 'ephemeral' -%}
            {%- set relation = node.schema ~ '.' ~ node.alias -%}
        {%- endif -%}
        {%- set message = (result.message | string)[:1000]
            if result.message is not none else none -%}
        {%- do rows.append('(' ~ [
            cx_sql_literal(invocation_id),
            cx_sql_literal(node.unique_id),
            cx_sql_literal(cx_tested_unique_id(node)),
            cx_sql_literal(node.name),
            cx_sql_literal(node.resource_type | string),
            cx_sql_literal(relation),
            cx_sql_literal(status),
            cx_sql_literal(message),
            cx_sql_literal(result.failures),
            cx_sql_literal(result.execution_time),
        ] | join(', ') ~ ')') -%}
    {%- endfor -%}
    {% do create_build_log() %}
    {% do cx_delete_rows(nodes, "invocation_id = " ~ cx_sql_literal(invocation_id)) %}
    {%- for batch in rows | batch(200) %}
        {% do run_query("insert into " ~ nodes ~ " values " ~ batch | join(', ')) %}
    {%- endfor %}
    {#- the run's row last, so that 'success' is never recorded before its
        nodes; inserted here if on-run-start could not record it -#}
    {%- set status = 'failed' if counts.failed + counts.skipped > 0 else 'success' -%}
    {% do cx_update_rows(runs, {
        'status': "'" ~ status ~ "'",
        'nodes_run': results | length,
        'nodes_failed': counts.failed,
        'nodes_skipped': counts.skipped,
        'finished_at': cx_timestamp_literal(cx_utc_now()),
    }, "invocation_id = " ~ cx_sql_literal(invocation_id)) %}
    {% do run_query(
        "insert into " ~ runs ~ " select "
        ~ cx_sql_literal(invocation_id) ~ ", "
        ~ cx_sql_literal(flags.WHICH) ~ ", "
        ~ cx_sql_literal(cx_node_selection()) ~ ", '" ~ status ~ "', "
        ~ (results | length) ~ ", " ~ counts.failed ~ ", " ~ counts.skipped ~ ", "
        ~ ('true' if flags.FULL_REFRESH else 'false') ~ ", "
        ~ cx_timestamp_literal(run_started_at) ~ ", "
        ~ cx_timestamp_literal(cx_utc_now())
        ~ " where not exists (select 1 from " ~ runs
        ~ " where invocation_id = " ~ cx_sql_literal(invocation_id) ~ ")"
    ) %}
{%- endmacro %}
