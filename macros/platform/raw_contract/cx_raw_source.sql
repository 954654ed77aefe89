{% macro cx_raw_source(source_name, table_name) -%}
    {#- The raw table of the contract, as a subquery with its raw columns and
        cx_source_file (the file a row came from; null for tables), from one
        of four places:
        - CX_RAW_DIR (env var) names a folder: its raw_<table>.parquet or
          raw_<table>.csv file and/or the files in its raw_<table>/ folder
          (e.g. one per day: incremental runs read only files not read
          before) (DuckDB);
        - var raw_source = 'seeds' (default): the bundled sample seed;
        - var raw_source = 'tables': the dbt source, i.e. tables loaded by
          any other means into var raw_schema;
        - var raw_source = 'zendesk': raw_tickets and raw_ticket_events from
          the Zendesk adapter models (models/staging/zendesk/, Fivetran's
          tables in var zendesk_schema); the three schedule tables from the
          adapter's schedule models when their Zendesk table (schedule,
          schedule_holiday, ticket_schedule) is in zendesk_schema, and
          otherwise, table by table, as with 'tables' (raw_schema's table,
          or empty when that is absent too); every other table as with
          'tables'.
        source() is called in every case, so lineage and docs show the
        contract whatever the data comes from. The ref() of the adapter is
        called while dbt parses too (vars are known then), so the
        dependency is in the DAG. An optional table (its declaration says
        `optional`) that is absent (no file in CX_RAW_DIR, no table in
        raw_schema) is read as empty (cx_empty_raw_table). -#}
    {%- set relation = source(source_name, table_name) -%}
    {%- set raw_dir = env_var('CX_RAW_DIR', '') | trim -%}
    {#- the Zendesk table each schedule table of the contract is mapped from -#}
    {%- set zendesk_schedule_tables = {
        'raw_schedules': 'schedule',
        'raw_schedule_holidays': 'schedule_holiday',
        'raw_ticket_schedules': 'ticket_schedule',
    } -%}
    {%- if var('raw_source', 'seeds') == 'zendesk'
        and table_name in zendesk_schedule_tables -%}
        {#- ref() and source() while parsing too: the DAG has both -#}
        {%- set adapter_model = ref('zendesk__' ~ table_name) -%}
        {%- if cx_zendesk_table_present(zendesk_schedule_tables[table_name]) -%}
            {{ return('(select *, cast(null as ' ~ dbt.type_string() ~ ') as cx_source_file from ' ~ adapter_model ~ ')') }}
        {%- endif -%}
    {%- endif -%}
    {%- if var('raw_source', 'seeds') == 'zendesk'
        and table_name in ('raw_tickets', 'raw_ticket_events') -%}
        {%- if raw_dir != '' -%}
            {{ exceptions.raise_compiler_error(
                "var raw_source 'zendesk' reads the tickets from Zendesk's"
                ~ " tables, CX_RAW_DIR from files: unset CX_RAW_DIR."
            ) }}
        {%- endif -%}
        {%- set adapter_model = ref('zendesk__' ~ table_name) -%}
        {{ return('(select *, cast(null as ' ~ dbt.type_string() ~ ') as cx_source_file from ' ~ adapter_model ~ ')') }}
    {%- elif execute and cx_raw_declaration(table_name).optional
        and not cx_raw_table_present(raw_dir, table_name, relation) -%}
        {{ return(cx_empty_raw_table(table_name)) }}
    {%- elif raw_dir != '' -%}
        {{ return(adapter.dispatch('read_raw_files', 'cx_metrics')(raw_dir, table_name, relation)) }}
    {%- else -%}
        {%- set table = ref(table_name) if var('raw_source', 'seeds') == 'seeds' else relation -%}
        {{ return('(select *, cast(null as ' ~ dbt.type_string() ~ ') as cx_source_file from ' ~ table ~ ')') }}
    {%- endif -%}
{%- endmacro %}

{% macro default__read_raw_files(raw_dir, table_name, relation) -%}
    {{ exceptions.raise_compiler_error(
        "CX_RAW_DIR is supported on DuckDB only; on " ~ adapter.type()
        ~ " load " ~ table_name ~ " into the raw schema, unset CX_RAW_DIR and"
        ~ " set var raw_source to 'tables'."
    ) }}
{%- endmacro %}

{% macro duckdb__read_raw_files(raw_dir, table_name, relation) -%}
    {%- if not execute -%}
        {{ return('(select *, cast(null as varchar) as cx_source_file from ' ~ relation ~ ')') }}
    {%- endif -%}
    {%- set files = cx_raw_file_list(raw_dir, table_name) -%}
    {%- do cx_check_raw_files(files, table_name, cx_contract_columns(table_name)) -%}
    {{ return(cx_read_raw_files(files)) }}
{%- endmacro %}
