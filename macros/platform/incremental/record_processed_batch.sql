{% macro record_processed_batch(seeds=[]) -%}
    {#- post-hook of every downstream incremental model (with the same
        `seeds` as its processed_batch()). -#}
    insert into {{ cx_state_relation() }}
    values (
        '{{ this.identifier }}', {{ cx_batch() }}, '{{ settings_fingerprint(seeds) }}' {#- noqa: LT05 #}
    )
{%- endmacro %}
