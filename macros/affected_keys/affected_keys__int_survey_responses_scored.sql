{% macro affected_keys__int_survey_responses_scored() -%}
    select responses.response_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_surveys__responses')
    ) }} as responses
    where
        responses.cx_batch > {{ cx_platform.processed_batch() }}
        or responses.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records() }}) as changed
        )
        or {{ normalize_email('responses.customer_email') }} in (
            select changed.email_normalized
            from ({{ changed_customer_records() }}) as changed
        )
        or responses.question_id in (
            select questions.question_id
            from {{ cx_platform.with_replaced_rows(
                ref('base_surveys__questions')
            ) }} as questions
            where questions.cx_batch > {{ cx_platform.processed_batch() }}
        )
        or responses.invitation_id in (
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
        )
{%- endmacro %}
