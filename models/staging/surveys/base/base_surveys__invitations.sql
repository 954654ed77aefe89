{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='invitation_id',
    on_schema_change='fail',
) }}
{%- set extra_keys = keys_of_reloaded_parents(
    'invitation_id', 'question_id', ref('base_surveys__questions')
) -%}
{%- set scope = raw_scope(
    'surveys', 'raw_survey_invitations', 'invitation_id', 'invitation_id', extra_keys
) -%}

-- depends_on: {{ ref('stg_surveys__questions') }}

with

{{ scope.ctes }}
{{ cx_assessed_raw_rows('raw_survey_invitations', scope.relation) }}

final as (
    select
        {{ cx_base_columns('raw_survey_invitations') | indent(8) }},
        rejection_reason,
        cx_source_file,
        {{ cx_batch() }} as cx_batch
    from assessed
)

select * from final
