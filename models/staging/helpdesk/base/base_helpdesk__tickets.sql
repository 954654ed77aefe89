{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='ticket_id',
    on_schema_change='fail',
) }}
{%- set scope = raw_scope(
    'helpdesk', 'raw_tickets', 'ticket_id', 'ticket_id'
) -%}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_tickets', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_tickets') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
