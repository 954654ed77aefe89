{% macro affected_keys__int_survey_invitations_answered() -%}
    select invitations.invitation_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_surveys__invitations')
    ) }} as invitations
    where
        invitations.cx_batch > {{ cx_platform.processed_batch() }}
        or invitations.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records() }}) as changed
        )
        or invitations.question_id in (
            select questions.question_id
            from {{ cx_platform.with_replaced_rows(
                ref('base_surveys__questions')
            ) }} as questions
            where questions.cx_batch > {{ cx_platform.processed_batch() }}
        )
    union
    select responses.invitation_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_surveys__responses')
    ) }} as responses
    where responses.cx_batch > {{ cx_platform.processed_batch() }}
{%- endmacro %}
