{% macro rejection_reasons() -%}
    {#- The reason codes of the raw contract in their order of precedence:
        a row breaking several rules gets the first. The staging generator
        (python3 -m cx_tools staging, cx_tools/staging.py) reads this list
        and writes each base_ model's rules in its order: the key rules, the
        declared rules (the sources YAML) and superseded (latest_wins). -#}
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
