{% macro cx_rejection_reasons() -%}
    {#- The reason codes of the raw contract in their order of precedence:
        a row breaking several rules gets the first. The key rules come
        from key_checked_rows(), superseded from base_surveys__responses,
        the others from the declarations (cx_raw_declaration). -#}
    {{ return([
        'missing_key', 'duplicate_row', 'conflicting_key',
        'bad_timestamp', 'bad_number', 'unknown_value', 'bad_interval',
        'unsupported_scale',
        'unknown_question', 'score_not_integer', 'score_out_of_scale',
        'unknown_customer', 'unknown_ticket', 'unknown_schedule',
        'event_before_ticket',
        'negative_amount', 'superseded',
    ]) }}
{%- endmacro %}
