{#- Engines without try_cast (Postgres) and engines whose casts raise
    under ANSI mode (Spark): the text is matched against the ISO pattern
    first and every field is range-checked before a timestamp is made, so
    no value can raise; the result equals DuckDB's (below) for every text:
    hour 24:00:00 is the next midnight, a fraction beyond microseconds is
    truncated, an offset beyond 18:00 or with minutes of 60 or more, a day
    the month does not have, or second 60 give null. Year 0 is null here
    (DuckDB reads it as 1 BC; both lie outside any plausibility window). -#}

{% macro iso_timestamp_pattern() -%}
    {#- The accepted shapes (the same as DuckDB's below), written with
        [0-9], which every engine's regex and string literal read alike. -#}
    {{ return("^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?(Z|z|[+-][0-9]{2}:?([0-9]{2})?)?)?$") }}
{%- endmacro %}
