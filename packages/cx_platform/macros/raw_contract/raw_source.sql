{% macro raw_source(source_name, table_name) -%}
    {#- The raw table of the contract, as a subquery with its raw columns and
        cx_source_file (the file a row came from; null for tables and
        adapters), from one of four places:
        - a source adapter: when the var of the table's domain
          (tickets_source, surveys_source, orders_source; source_domains)
          names one, its model <adapter>__<table_name>
          (models/staging/<adapter>/), which maps the tool's tables as
          Fivetran lands them. An optional contract table whose tool table
          is absent (Zendesk's schedule, schedule_holiday, ticket_schedule)
          is read from the places below instead;
        - CX_RAW_DIR (env var) names a folder: its raw_<table>.parquet or
          raw_<table>.csv file and/or the files in its raw_<table>/ folder
          (e.g. one per day: incremental runs read only files not read
          before) (DuckDB);
        - var raw_source = 'seeds' (default): the bundled sample seed;
        - var raw_source = 'tables': the dbt source, i.e. tables loaded by
          any other means into var raw_schema.
        source() is called in every case, so lineage and docs show the
        contract whatever the data comes from. The ref() of the adapter is
        called while dbt parses too (vars are known then), so the
        dependency is in the DAG. An optional table (its declaration says
        `optional`) that is absent (no file in CX_RAW_DIR, no table in
        raw_schema) is read as empty (empty_raw_table). -#}
    {%- set relation = source(source_name, table_name) -%}
    {%- set raw_dir = cx_platform.raw_dir() -%}
    {%- set adapter_name = cx_platform.source_adapter(table_name) -%}
    {#- the table to read whole (no files), when it is not the files -#}
    {%- set read = namespace(table=none) -%}
    {%- if adapter_name is not none -%}
        {#- ref() (and source() below) while parsing too: the DAG has both -#}
        {%- set adapter_model = ref(adapter_name ~ '__' ~ table_name) -%}
        {#- the tool table an optional contract table is mapped from -#}
        {%- set tool = namespace(table=none) -%}
        {%- for d in cx_platform.source_domains() if table_name in d.tables -%}
            {%- set tool.table = d.optional.get(adapter_name, {}).get(table_name) -%}
        {%- endfor -%}
        {%- if tool.table is none
            or cx_platform.adapter_table_present(adapter_name, tool.table) -%}
            {%- set read.table = adapter_model -%}
        {%- endif -%}
    {%- endif -%}
    {%- if read.table is none -%}
        {%- if raw_dir != '' and adapter.type() != 'duckdb' -%}
            {#- before any file is listed: listing uses DuckDB's glob -#}
            {{ exceptions.raise_compiler_error(
                "CX_RAW_DIR is supported on DuckDB only; on " ~ adapter.type()
                ~ " load " ~ table_name ~ " into the raw schema, unset CX_RAW_DIR and"
                ~ " set var raw_source to 'tables'."
            ) }}
        {%- endif -%}
        {%- if raw_dir != '' and execute -%}
            {#- an optional table may have no file: it is read as empty -#}
            {%- set files = cx_platform.raw_file_list(table_name) -%}
            {%- if files | length == 0 -%}
                {{ return(cx_platform.empty_raw_table(table_name)) }}
            {%- endif -%}
            {%- do cx_platform.check_raw_files(
                files, table_name,
                cx_platform.raw_declaration(table_name).columns | map(attribute='name') | list
            ) -%}
            {{ return(cx_platform.read_raw_files(files)) }}
        {%- elif execute and raw_dir == '' and var('raw_source', 'seeds') == 'tables'
            and cx_platform.raw_declaration(table_name).optional
            and not cx_platform.relation_exists(relation) -%}
            {#- an optional table not loaded into raw_schema: read as empty
                (the bundled seeds hold every table) -#}
            {{ return(cx_platform.empty_raw_table(table_name)) }}
        {%- elif raw_dir == '' and var('raw_source', 'seeds') == 'seeds' -%}
            {%- set read.table = ref(table_name) -%}
        {%- else -%}
            {#- the dbt source; with CX_RAW_DIR, while dbt parses (lineage) -#}
            {%- set read.table = relation -%}
        {%- endif -%}
    {%- endif -%}
    {{ return('(select *, cast(null as ' ~ dbt.type_string() ~ ') as cx_source_file from ' ~ read.table ~ ')') }}
{%- endmacro %}
