-- Reconciliation of the raw contract: raw rows are counted straight from the
-- raw tables (the one place outside staging that reads them, so that the
-- check does not trust the staging it checks).
with

{% for t in cx_platform.raw_tables() %}
raw_{{ t.table }} as (
    select count(*) as raw_rows
    from {{ cx_platform.raw_source(t.source, t.table) }} as raw_rows
),

staged_{{ t.table }} as (
    select count(*) as staged_rows
    from {{ ref(t.staged) }}
),

{% endfor %}
rejected as (
    select
        source_table,
        count(*) as rejected_rows
    from {{ ref('audit_rejected_rows') }}
    group by 1
),

counted as (
    {% for t in cx_platform.raw_tables() %}
    select
        '{{ t.table }}' as source_table,
        raw_{{ t.table }}.raw_rows,
        staged_{{ t.table }}.staged_rows
    from raw_{{ t.table }}
    cross join staged_{{ t.table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        counted.source_table,
        counted.raw_rows,
        counted.staged_rows,
        coalesce(rejected.rejected_rows, 0) as rejected_rows,
        case
            when counted.raw_rows > 0
                then
                    100.0 * coalesce(rejected.rejected_rows, 0)
                    / counted.raw_rows
        end as rejected_pct,
        (
            counted.raw_rows
            = counted.staged_rows + coalesce(rejected.rejected_rows, 0)
        ) as is_reconciled
    from counted
    left join rejected
        on counted.source_table = rejected.source_table
)

select * from final
