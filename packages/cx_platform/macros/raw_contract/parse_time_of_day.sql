{% macro parse_time_of_day(text) -%}
    {#- The minutes after midnight of a time of day written HH:MM (00:00 to
        23:59, and 24:00 for the end of the day), or HH:MM:00 as a time
        type prints it, or null for anything else (9:00, 25:00, 12:60,
        09:00:30: hours are to the minute). -#}
    {{ return(
        'case when ' ~ cx_platform.matches_regexp(
            text, '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)(:00)?$'
        )
        ~ ' then cast(' ~ dbt.safe_cast(
            'substr(' ~ text ~ ', 1, 2)', dbt.type_int()
        ) ~ ' * 60 + ' ~ dbt.safe_cast(
            'substr(' ~ text ~ ', 4, 2)', dbt.type_int()
        ) ~ ' as ' ~ dbt.type_int() ~ ') end'
    ) }}
{%- endmacro %}
