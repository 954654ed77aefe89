{% macro cx_cleaned_value(clean, column) -%}
    {#- The value of the raw text `column` read as `clean` declares (the
        `clean` key of a raw column's declaration): text (trimmed, empty is
        null), enum (also lower-cased), upper, email (the identity-matching
        form), timestamp (UTC), date, time (HH:MM as minutes after
        midnight, parse_time_of_day), decimal (exact) or boolean
        (true/t/1/yes/y, false/f/0/no/n, else null). -#}
    {%- if clean == 'text' -%}
        {{ return(clean_text(column)) }}
    {%- elif clean == 'enum' -%}
        {{ return(clean_enum(column)) }}
    {%- elif clean == 'upper' -%}
        {{ return('upper(' ~ clean_text(column) ~ ')') }}
    {%- elif clean == 'email' -%}
        {{ return(normalize_email(column)) }}
    {%- elif clean == 'timestamp' -%}
        {{ return(parse_iso_timestamp(column)) }}
    {%- elif clean == 'date' -%}
        {{ return(parse_iso_date(column)) }}
    {%- elif clean == 'time' -%}
        {{ return(parse_time_of_day(clean_text(column))) }}
    {%- elif clean == 'decimal' -%}
        {{ return(parse_exact_decimal(clean_text(column))) }}
    {%- elif clean == 'boolean' -%}
        {%- set value = clean_enum(column) -%}
        {{ return(
            'case when ' ~ value ~ " in ('true', 't', '1', 'yes', 'y') then true"
            ~ ' when ' ~ value ~ " in ('false', 'f', '0', 'no', 'n') then false end"
        ) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "Unknown clean '" ~ clean ~ "' for raw column " ~ column
        ~ ": use text, enum, upper, email, timestamp, date, time, decimal or"
        ~ " boolean."
    ) }}
{%- endmacro %}
