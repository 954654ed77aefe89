{% macro build_log_records_run() -%}
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
