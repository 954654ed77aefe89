{% macro load_raw_parquet(schema, files) -%}
    {#- run-operation of `cx_tools build --engine spark`: each raw table of
        `files` ({table: path of a Parquet file of text columns}) as a table
        of `schema`, replacing any earlier one. Spark only: other engines
        are loaded by cx_tools.engines directly. -#}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error("load_raw_parquet is for Spark; target is " ~ target.type) }}
    {%- endif -%}
    {% do run_query("create schema if not exists " ~ schema) %}
    {%- for table, path in files.items() %}
        {#- quoted: a tool table may have a keyword's name (Shopify's `order`) -#}
        {%- set name = schema ~ ".`" ~ table ~ "`" %}
        {% do run_query("drop table if exists " ~ name) %}
        {% do run_query(
            "create table " ~ name ~ " using parquet as select * from parquet.`"
            ~ path ~ "`"
        ) %}
        {% do log("loaded " ~ schema ~ "." ~ table ~ " from " ~ path, info=true) %}
    {%- endfor %}
{%- endmacro %}
