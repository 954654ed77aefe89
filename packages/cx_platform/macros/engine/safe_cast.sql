{% macro safe_cast(expression, data_type) -%}
    {#- `expression` cast to `data_type`, or null where the cast would fail:
        never raises. -#}
    {{ return(adapter.dispatch('safe_cast', 'cx_platform')(expression, data_type)) }}
{%- endmacro %}

{% macro default__safe_cast(expression, data_type) -%}
    {#- Engines without try_cast (Postgres): the value's text is checked
        first. Integer types: a plain decimal (any fraction rounds, as a
        cast does) within the type's range; other types have no check here
        and are refused when the project is compiled. -#}
    {%- set ranges = {
        'smallint': 32767, 'integer': 2147483647, 'int': 2147483647,
        'bigint': 9223372036854775807,
    } -%}
    {%- set type_name = data_type | lower | trim -%}
    {%- if type_name not in ranges -%}
        {{ exceptions.raise_compiler_error(
            "safe_cast: no error-free cast to " ~ data_type ~ " on "
            ~ adapter.type() ~ "; add one to packages/cx_platform/macros/engine/safe_cast.sql"
        ) }}
    {%- endif -%}
    {%- set text = "trim(cast(" ~ expression
        ~ " as " ~ dbt.type_string() ~ "))" -%}
    case
        when
            {{ text }} ~ '^[+-]?([0-9]{1,30}([.][0-9]*)?|[.][0-9]+)$'
            and round(cast({{ text }} as numeric))
                between -{{ ranges[type_name] }} - 1 and {{ ranges[type_name] }}
            then cast(cast({{ text }} as numeric) as {{ data_type }})
    end
{%- endmacro %}

{% macro duckdb__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro spark__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
