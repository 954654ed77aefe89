{% macro record_processed_batch() -%}
    {#- Post-hook of every model (dbt_project.yml), inside its transaction:
        after a model of incremental_config, the batch it processed and the
        fingerprint of its settings. Nothing for any other model, or while
        dbt parses. -#}
    {%- if not execute
        or config.get('incremental_strategy') != 'cx_replace_affected' -%}
        {{ return('') }}
    {%- endif %}
    insert into {{ source('cx_incremental', 'cx_incremental_state') }}
    values (
        '{{ this.identifier }}', {{ cx_platform.current_batch() }}, '{{ cx_platform.settings_fingerprint() }}' {#- noqa: LT05 #}
    )
{%- endmacro %}
