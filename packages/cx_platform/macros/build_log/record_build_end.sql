{% macro record_build_end(results) -%}
    {#- on-run-end: record every node result, then the run's status. -#}
    {%- if not cx_platform.build_log_records_run() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set runs = cx_platform.build_log_relation('cx_build_runs') -%}
    {%- set nodes = cx_platform.build_log_relation('cx_build_run_nodes') -%}
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
            cx_platform.sql_literal(invocation_id),
            cx_platform.sql_literal(node.unique_id),
            cx_platform.sql_literal(cx_platform.tested_unique_id(node)),
            cx_platform.sql_literal(node.name),
            cx_platform.sql_literal(node.resource_type | string),
            cx_platform.sql_literal(relation),
            cx_platform.sql_literal(status),
            cx_platform.sql_literal(message),
            cx_platform.sql_literal(result.failures),
            cx_platform.sql_literal(result.execution_time),
        ] | join(', ') ~ ')') -%}
    {%- endfor -%}
    {% do cx_platform.create_build_log() %}
    {% do cx_platform.delete_rows(nodes, "invocation_id = " ~ cx_platform.sql_literal(invocation_id)) %}
    {%- for batch in rows | batch(200) %}
        {% do run_query("insert into " ~ nodes ~ " values " ~ batch | join(', ')) %}
    {%- endfor %}
    {#- the run's row last, so that 'success' is never recorded before its
        nodes; inserted here if on-run-start could not record it -#}
    {%- set status = 'failed' if counts.failed + counts.skipped > 0 else 'success' -%}
    {% do cx_platform.update_rows(runs, {
        'status': "'" ~ status ~ "'",
        'nodes_run': results | length,
        'nodes_failed': counts.failed,
        'nodes_skipped': counts.skipped,
        'finished_at': cx_platform.timestamp_literal(cx_platform.utc_now()),
    }, "invocation_id = " ~ cx_platform.sql_literal(invocation_id)) %}
    {% do run_query(
        "insert into " ~ runs ~ " select "
        ~ cx_platform.sql_literal(invocation_id) ~ ", "
        ~ cx_platform.sql_literal(flags.WHICH) ~ ", "
        ~ cx_platform.sql_literal(cx_platform.node_selection()) ~ ", '" ~ status ~ "', "
        ~ (results | length) ~ ", " ~ counts.failed ~ ", " ~ counts.skipped ~ ", "
        ~ ('true' if flags.FULL_REFRESH else 'false') ~ ", "
        ~ cx_platform.timestamp_literal(run_started_at) ~ ", "
        ~ cx_platform.timestamp_literal(cx_platform.utc_now())
        ~ " where not exists (select 1 from " ~ runs
        ~ " where invocation_id = " ~ cx_platform.sql_literal(invocation_id) ~ ")"
    ) %}
{%- endmacro %}
