{% macro parse_iso_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'cx_metrics')(column)) }}
{%- endmacro %}

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

{% macro iso_timestamp_from_text(text) -%}
    {#- The UTC timestamp of `text`, an expression that is the trimmed raw
        value when it matches iso_timestamp_pattern() and null otherwise.
        The fields are read by position (a match with captures costs ~100x
        a plain match on Postgres): date at 1-10, hour at 12, minute at 15,
        seconds after a ':' at 17, a fraction after a '.' at 20, and the
        zone (Z or an offset) at the end. -#}
    {%- set zone = cx_regexp_first_match(
        "substr(" ~ text ~ ", 12)", "[Zz]$|[+-][0-9:]*$"
    ) -%}
    {%- set offset_digits = "replace(substr(" ~ zone ~ ", 2), ':', '')" -%}
    {%- set year = "cast(nullif(substr(" ~ text ~ ", 1, 4), '') as integer)" -%}
    {%- set month = "cast(nullif(substr(" ~ text ~ ", 6, 2), '')"
        ~ " as integer)" -%}
    {%- set day = "cast(nullif(substr(" ~ text ~ ", 9, 2), '') as integer)" -%}
    {%- set hour = "coalesce(cast(nullif(substr(" ~ text ~ ", 12, 2), '')"
        ~ " as integer), 0)" -%}
    {%- set minute = "coalesce(cast(nullif(substr(" ~ text ~ ", 15, 2), '')"
        ~ " as integer), 0)" -%}
    {%- set second -%}
        coalesce(cast(case
            when substr({{ text }}, 17, 1) = ':' then substr({{ text }}, 18, 2)
        end as integer), 0)
    {%- endset -%}
    {%- set fraction -%}
        coalesce(nullif(case
            when substr({{ text }}, 20, 1) = '.'
                then {{ cx_regexp_first_match("substr(" ~ text ~ ", 21)", "^[0-9]+") }}
        end, ''), '0')
    {%- endset -%}
    {%- set micros = "cast(rpad(substr(" ~ fraction ~ ", 1, 6), 6, '0')"
        ~ " as bigint)" -%}
    {%- set offset_hours = "coalesce(nullif(substr(" ~ offset_digits
        ~ ", 1, 2), ''), '00')" -%}
    {%- set offset_minutes = "coalesce(nullif(substr(" ~ offset_digits
        ~ ", 3, 2), ''), '00')" -%}
    {%- set valid -%}
        (
            {{ year }} is not null
            and {{ iso_date_is_valid(year, month, day) }}
            and (
                ({{ hour }} < 24 and {{ minute }} < 60 and {{ second }} < 60)
                or (
                    {{ hour }} = 24 and {{ minute }} = 0 and {{ second }} = 0
                    and cast({{ fraction }} as bigint) = 0
                )
            )
            and {{ offset_hours }} || ':' || {{ offset_minutes }} <= '18:00'
            and {{ offset_minutes }} < '60'
        )
    {%- endset -%}
    {%- set offset_total -%}
        (case substr(coalesce({{ zone }}, ''), 1, 1)
            when '-' then -1 when '+' then 1 else 0
        end * (cast({{ offset_hours }} as integer) * 60
            + cast({{ offset_minutes }} as integer)))
    {%- endset -%}
    {#- The year is null unless the fields are valid, so the constructor
        never sees an impossible date even where an engine evaluates it
        eagerly. -#}
    {{ iso_make_timestamp(
        "case when " ~ valid ~ " then " ~ year ~ " end",
        month, day, hour, minute ~ " - " ~ offset_total,
        second ~ " * 1000000 + " ~ micros
    ) }}
{%- endmacro %}

{% macro default__parse_iso_timestamp(column) -%}
    {#- Postgres-style: the pattern is matched once per value, in a scalar
        subquery that the fields are read from. -#}
    (
        select {{ iso_timestamp_from_text('matched.iso_text') }}
        from (
            select case
                when
                    trim(cast({{ column }} as {{ dbt.type_string() }}))
                    ~ '{{ iso_timestamp_pattern() }}'
                    then trim(cast({{ column }} as {{ dbt.type_string() }}))
            end as iso_text
        ) as matched
    )
{%- endmacro %}

{% macro iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    {#- The timestamp of a date, plus hours, minutes and microseconds (any
        of them null: null). -#}
    {{ return(adapter.dispatch('iso_make_timestamp', 'cx_metrics')(year, month, day, hour, minute, micros)) }}
{%- endmacro %}

{% macro default__iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    (
        make_timestamp({{ year }}, {{ month }}, {{ day }}, 0, 0, 0)
        + make_interval(hours => {{ hour }}, mins => {{ minute }})
        + ({{ micros }}) * interval '1 microsecond'
    )
{%- endmacro %}

{% macro spark__parse_iso_timestamp(column) -%}
    {%- set value = "trim(cast(" ~ column ~ " as string))" -%}
    {{ iso_timestamp_from_text(
        "case when " ~ value ~ " rlike '" ~ iso_timestamp_pattern() ~ "' then " ~ value ~ " end"
    ) }}
{%- endmacro %}

{% macro spark__iso_make_timestamp(year, month, day, hour, minute, micros) -%}
    {#- an instant (the session zone must be UTC, see profiles.yml) -#}
    timestamp_micros(
        unix_micros(make_timestamp({{ year }}, {{ month }}, {{ day }}, 0, 0, 0, 'UTC')) {#- noqa: LT05 #}
        + (cast({{ hour }} as bigint) * 60 + {{ minute }}) * 60000000
        + {{ micros }}
    )
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
