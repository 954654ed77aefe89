{% macro affected_keys__int_survey_comment_themes() -%}
    select responses.response_id
    from {{ cx_platform.with_replaced_rows(
        ref('base_surveys__responses')
    ) }} as responses
    where responses.cx_batch > {{ cx_platform.processed_batch() }}
{%- endmacro %}
