-- raw_schedule_holidays of the raw contract, mapped from Fivetran's
-- Zendesk `schedule_holiday` table (var tickets_source = 'zendesk'; rules in
-- _zendesk__models.yml and docs/zendesk.md): each
-- holiday as it is (its local dates from start_date to end_date, both
-- included), those removed in Zendesk left out. Without a
-- `schedule_holiday` table in zendesk_schema the model is empty and
-- raw_source reads raw_schedule_holidays as without the adapter instead.
{%- set present = cx_platform.adapter_table_present(
    'zendesk', 'schedule_holiday'
) %}
{%- if present %}

with

holidays as (
    select
        schedule_id,
        start_date,
        end_date,
        _fivetran_deleted
    from {{ source('zendesk', 'schedule_holiday') }}
),

final as (
    select
        {{ clean_text('schedule_id') }} as schedule_id,
        {{ clean_text('start_date') }} as start_date,
        {{ clean_text('end_date') }} as end_date
    from holidays
    where coalesce({{ clean_enum('_fivetran_deleted') }}, 'false')
        not in ('true', 't', '1')
)

select * from final
{%- else %}

-- no `schedule_holiday` table in zendesk_schema: no rows
select *
from {{ cx_platform.empty_raw_table(
    'raw_schedule_holidays', source_file=false
) }} as nothing
{%- endif %}
