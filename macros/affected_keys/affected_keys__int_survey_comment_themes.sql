{% macro affected_keys__int_survey_comment_themes() -%}
    select responses.response_id
    from {{ with_replaced_rows(ref('base_surveys__responses')) }} as responses
    where responses.cx_batch > {{ processed_batch() }}
{%- endmacro %}
