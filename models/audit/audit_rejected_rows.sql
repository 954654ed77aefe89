with

{% for t in raw_tables() %}
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
unioned as (
    {% for t in raw_tables() %}
    select * from rejected_{{ t.table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
    {% if var('surveys_source', 'raw') == 'qualtrics' %}
    -- the Qualtrics rows its adapter leaves out, with their reason
    union all
    select
        source_table,
        source_key,
        reason,
        raw_row
    from {{ ref('qualtrics__left_out_rows') }}
    {% endif %}
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
