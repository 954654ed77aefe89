{% macro parse_iso_timestamp(column) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'cx_metrics')(column)) }}
{%- endmacro %}

{% macro default__parse_iso_timestamp(column) -%}
    {#- Engines with a timestamptz cast that honours ISO offsets (Postgres,
        Spark with the session zone at UTC). -#}
    cast(cast({{ column }} as timestamp with time zone) at time zone 'UTC'
        as timestamp)
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(column) -%}
    {#- ISO-8601 date or date-time, optional seconds and fraction, optional
        Z / +hh:mm / +hhmm / +hh offset; null when the text is not such a
        value or names no real instant (2025-02-30). The offset is subtracted
        arithmetically, so the result is UTC whatever the session zone. -#}
    {%- set pattern = "^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(Z|z|([+-])(\\d{2}):?(\\d{2})?)?)?$" -%}
    {%- set value = "trim(cast(" ~ column ~ " as varchar))" -%}
    case
        when regexp_full_match({{ value }}, '{{ pattern }}')
            then
                try_cast(
                    regexp_extract({{ value }}, '{{ pattern }}', 1) || ' '
                    || coalesce(
                        nullif(regexp_extract({{ value }}, '{{ pattern }}', 2), ''),
                        '00:00:00'
                    ) as timestamp
                )
                - to_minutes(
                    case regexp_extract({{ value }}, '{{ pattern }}', 4)
                        when '-' then -1 when '+' then 1 else 0
                    end
                    * (
                        coalesce(try_cast(nullif(regexp_extract({{ value }}, '{{ pattern }}', 5), '') as bigint), 0) * 60
                        + coalesce(try_cast(nullif(regexp_extract({{ value }}, '{{ pattern }}', 6), '') as bigint), 0)
                    )
                )
    end
{%- endmacro %}
