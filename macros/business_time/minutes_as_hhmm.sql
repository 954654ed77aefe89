{% macro minutes_as_hhmm(minutes) -%}
    {#- SQL expression: a whole number of minutes after midnight (0 to
        1440) as the text HH:MM (1440 is 24:00), the form
        parse_time_of_day reads. -#}
    {%- set sql -%}
lpad(
    cast(cast(floor({{ minutes }} / 60) as integer)
        as {{ dbt.type_string() }}), 2, '0'
) || ':' || lpad(
    cast({{ minutes }} % 60 as {{ dbt.type_string() }}), 2, '0'
)
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}
