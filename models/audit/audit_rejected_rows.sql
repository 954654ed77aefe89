with

{% for t in cx_platform.raw_tables() %}
rejected_{{ t.table }} as (
    select
        '{{ t.table }}' as source_table,
        {{ t.key }} as source_key,
        rejection_reason as reason,
        raw_row
    from {{ ref(t.base) }}
    where rejection_reason is not null
),

{% endfor %}
{#- source rows an adapter in use leaves out on purpose (docs/sources.md) -#}
{% set left_out = [] %}
{% for d in cx_platform.source_domains() if var(d.var, 'raw') in d.left_out %}
{% do left_out.append(var(d.var)) %}
left_out_{{ var(d.var) }} as (
    select
        source_table,
        source_key,
        reason,
        raw_row
    from {{ ref(var(d.var) ~ '__left_out_rows') }}
),

{% endfor %}
unioned as (
    {% for t in cx_platform.raw_tables() %}
    select * from rejected_{{ t.table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
    {% for a in left_out %}
    union all
    select * from left_out_{{ a }}
    {% endfor %}
),

-- identical raw rows (duplicate_row) are told apart by their occurrence
numbered as (
    select
        *,
        row_number() over (
            partition by source_table, source_key, raw_row
            order by reason
        ) as occurrence
    from unioned
),

final as (
    select
        {{ dbt.hash(dbt.concat([
            'source_table', "'|'", "coalesce(source_key, '<null>')", "'|'",
            'raw_row', "'|'", dbt.cast('occurrence', dbt.type_string()),
        ])) }} as rejected_row_id,
        source_table,
        source_key,
        reason,
        raw_row,
        occurrence
    from numbered
)

select * from final
