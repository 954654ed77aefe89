{% macro iso_date_is_valid(year, month, day) -%}
    {#- The integers year, month, day name a day of the (proleptic
        Gregorian) calendar from year 1 on. -#}
    (
        {{ year }} >= 1
        and {{ month }} between 1 and 12
        and {{ day }} between 1 and case
            when {{ month }} in (4, 6, 9, 11) then 30
            when {{ month }} <> 2 then 31
            when
                mod({{ year }}, 4) = 0
                and (mod({{ year }}, 100) <> 0 or mod({{ year }}, 400) = 0)
                then 29
            else 28
        end
    )
{%- endmacro %}
