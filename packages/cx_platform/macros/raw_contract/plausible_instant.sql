{% macro plausible_instant(column) -%}
    {#- True when `column` (a UTC timestamp or a date) lies in the
        plausibility window [var plausible_from, var plausible_until);
        false when it is outside or null. A well-formed but absurd value
        (0000-01-01, 9999-12-31T23:59:59Z) would otherwise stretch the month
        spine over centuries or move as_of_date to the year 9999; outside
        the window it is rejected as bad_timestamp. -#}
    coalesce(
        {{ column }} >= cast('{{ var("plausible_from") }}' as {{ dbt.type_timestamp() }}) {#- noqa: LT05 #}
        and {{ column }} < cast('{{ var("plausible_until") }}' as {{ dbt.type_timestamp() }}), {#- noqa: LT05 #}
        false
    )
{%- endmacro %}
