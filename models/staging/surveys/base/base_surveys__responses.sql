{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='response_id',
    on_schema_change='fail',
) }}
{%- set extra_keys -%}
{{ keys_of_reloaded_parents(
    'response_id', 'question_id', ref('base_surveys__questions')
) }}
union
-- another answer to the same invitation and question arrives
select changed.response_id
from {{ this }} as changed
inner join (
    select distinct
        {{ clean_text('new_rows.invitation_id') }} as invitation_id,
        {{ clean_text('new_rows.question_id') }} as question_id
    from __new_raw_rows__ as new_rows
) as answered
    on
        changed.invitation_id = answered.invitation_id
        and changed.question_id = answered.question_id
{%- endset -%}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_responses', 'response_id', 'response_id', extra_keys
) -%}

-- depends_on: {{ ref('stg_surveys__questions') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_survey_responses', scope.relation, 'fault') }}

-- Several answers to one invitation and question: the latest wins (ties:
-- the greatest response_id); only otherwise valid answers compete.
ranked as (
    select
        *,
        case
            when fault is null and invitation_id is not null
                then row_number() over (
                    partition by fault, invitation_id, question_id
                    order by responded_at desc, response_id desc
                )
        end as answer_rank
    from assessed
),

reasoned as (
    select
        *,
        coalesce(
            fault,
            case when answer_rank > 1 then 'superseded' end
        ) as rejection_reason
    from ranked
),

final as (
    select
        {{ cx_base_columns('raw_survey_responses') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from reasoned
)

select * from final
