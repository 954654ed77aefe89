{% macro with_replaced_rows(relation) -%}
    {#- The base_ model `relation` for incremental bookkeeping: its rows,
        and once a rewritten or removed raw file (CX_RAW_DIR) replaced or
        deleted some of them, also those old rows, which raw_scope keeps in
        audit.cx_replaced__<model> with the cx_batch of the run that
        replaced them. A downstream model that asks which rows changed
        since a batch then also sees the old values of a rewritten row and
        the rows of a key that is gone, and recomputes what they reached.
        The relation itself while dbt parses and when that table is not
        there (dbt's cache of relations: raw_scope adds it when it creates
        it). -#}
    {%- if not execute -%}
        {{ return(relation) }}
    {%- endif -%}
    {#- the same table as raw_scope's cx_platform.state_relation('cx_replaced__...'):
        beside the incremental state, in the state schema -#}
    {%- set replaced = source('cx_incremental', 'cx_incremental_state').incorporate(
        path={'identifier': 'cx_replaced__' ~ relation.identifier}
    ) -%}
    {%- if adapter.get_relation(
        database=replaced.database, schema=replaced.schema,
        identifier=replaced.identifier,
    ) is none -%}
        {{ return(relation) }}
    {%- endif -%}
    {#- raw_scope creates that table as `select * from <model> where
        false`, so its columns are the model's, in the same order: a plain
        union all, which every engine runs -#}
    {{ return(
        '(select * from ' ~ relation ~ ' union all select * from '
        ~ replaced ~ ')'
    ) }}
{%- endmacro %}
