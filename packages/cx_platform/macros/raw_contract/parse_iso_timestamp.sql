{% macro parse_iso_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'cx_platform')(column)) }}
{%- endmacro %}

{% macro default__parse_iso_timestamp(column) -%}
    {#- Postgres-style: the pattern is matched once per value, in a scalar
        subquery that the fields are read from. -#}
    (
        select {{ cx_platform.iso_timestamp_from_text('matched.iso_text') }}
        from (
            select case
                when
                    trim(cast({{ column }} as {{ dbt.type_string() }}))
                    ~ '{{ cx_platform.iso_timestamp_pattern() }}'
                    then trim(cast({{ column }} as {{ dbt.type_string() }}))
            end as iso_text
        ) as matched
    )
{%- endmacro %}

{% macro spark__parse_iso_timestamp(column) -%}
    {%- set value = "trim(cast(" ~ column ~ " as string))" -%}
    {{ cx_platform.iso_timestamp_from_text(
        "case when " ~ value ~ " rlike '" ~ cx_platform.iso_timestamp_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(column) -%}
    {#- ISO-8601 date or date-time, optional seconds and fraction, optional
        Z / +hh:mm / +hhmm / +hh offset; null when the text is not such a
        value or names no real instant (2025-02-30) or its offset is not one
        (beyond 18:00, minutes of 60 or more). The offset is subtracted
        arithmetically, so the result is UTC whatever the session zone.
        Fast path: the shapes exports use almost always
        (yyyy-mm-ddThh:mm:ss with Z, +hh:mm or no offset) are read by fixed
        positions after one match without captures; any other shape the
        pattern allows takes the general path (captured groups). Both give
        the same instant; the fast path is ~5x cheaper. The fast path reads
        the text as it is, untrimmed: a value that matches its pattern has
        no surrounding spaces (trim would return it unchanged), and trim(),
        which DuckDB evaluates again at each of its uses, was a quarter of
        the parse; a value with spaces takes the general path. -#}
    {%- set pattern = "^(\\d{4}-\\d{2}-\\d{2})"
        ~ "(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)"
        ~ "(Z|z|([+-])(\\d{2}):?(\\d{2})?)?)?$" -%}
    {%- set fast_pattern = "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}"
        ~ "(Z|[+-]\\d{2}:\\d{2})?$" -%}
    {%- set text = "cast(" ~ column ~ " as varchar)" -%}
    {%- set value = "trim(" ~ text ~ ")" -%}
    case
        when regexp_full_match({{ text }}, '{{ fast_pattern }}')
            then
                case
                    -- an offset is at most 18:00 and its minutes below 60
                    when
                        length({{ text }}) <> 25
                        or (
                            substr({{ text }}, 21, 5) <= '18:00'
                            and substr({{ text }}, 24, 2) < '60'
                        )
                        then
                            try_cast(left({{ text }}, 19) as timestamp)
                            - case
                                when length({{ text }}) = 25
                                    then to_minutes(
                                        case substr({{ text }}, 20, 1)
                                            when '-' then -1 else 1
                                        end
                                        * (
                                            cast(substr({{ text }}, 21, 2) as bigint) * 60 {#- noqa: LT05 #}
                                            + cast(substr({{ text }}, 24, 2) as bigint) {#- noqa: LT05 #}
                                        )
                                    )
                                else to_minutes(0)
                            end
                end
        when
            regexp_full_match({{ value }}, '{{ pattern }}')
            and coalesce(
                nullif(regexp_extract({{ value }}, '{{ pattern }}', 5), ''), '00' {#- noqa: LT05 #}
            ) || ':' || coalesce(
                nullif(regexp_extract({{ value }}, '{{ pattern }}', 6), ''), '00' {#- noqa: LT05 #}
            ) <= '18:00'
            and coalesce(
                nullif(regexp_extract({{ value }}, '{{ pattern }}', 6), ''), '00' {#- noqa: LT05 #}
            ) < '60'
            then
                try_cast(
                    regexp_extract({{ value }}, '{{ pattern }}', 1) || ' '
                    || coalesce(
                        nullif(regexp_extract({{ value }}, '{{ pattern }}', 2), ''), {#- noqa: LT05 #}
                        '00:00:00'
                    ) as timestamp
                )
                - to_minutes(
                    case regexp_extract({{ value }}, '{{ pattern }}', 4)
                        when '-' then -1 when '+' then 1 else 0
                    end
                    * (
                        coalesce(try_cast(nullif(regexp_extract({{ value }}, '{{ pattern }}', 5), '') as bigint), 0) * 60 {#- noqa: LT05 #}
                        + coalesce(try_cast(nullif(regexp_extract({{ value }}, '{{ pattern }}', 6), '') as bigint), 0) {#- noqa: LT05 #}
                    )
                )
    end
{%- endmacro %}
