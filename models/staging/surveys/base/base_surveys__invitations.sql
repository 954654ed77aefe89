{{ config(
    materialized=base_materialization(),
    incremental_strategy='delete+insert',
    unique_key='invitation_id',
    on_schema_change='fail',
) }}
{%- set extra_keys -%}
        select changed.invitation_id
        from {{ this }} as changed
        where changed.question_id in (
            select questions.question_id
            from {{ ref('base_surveys__questions') }} as questions
            where questions.cx_batch > (
                select max(loaded.cx_batch) from {{ this }} as loaded
            )
        )
{%- endset -%}
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
