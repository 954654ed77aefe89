{% macro checkpoint() -%}
    {#- Post-hook (outside the model's transaction) of every model: after an
        incremental run of a model on DuckDB, a checkpoint, which releases
        the blocks its deletes held in memory, so the next model has all of
        memory_limit. FORCE waits for other dbt threads' transactions. Nothing
        on a full build (large writes go to the file directly) or on other
        engines. -#}
    {{ return(adapter.dispatch('checkpoint', 'cx_platform')()) }}
{%- endmacro %}

{% macro default__checkpoint() -%}
{%- endmacro %}

{% macro duckdb__checkpoint() -%}
    {{ return('force checkpoint' if is_incremental() else '') }}
{%- endmacro %}
