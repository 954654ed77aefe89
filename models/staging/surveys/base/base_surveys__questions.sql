{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='question_id',
    on_schema_change='fail',
) }}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_questions', 'question_id', 'question_id'
) -%}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_survey_questions', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_survey_questions') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
