{% macro get_incremental_cx_replace_affected_sql(arg_dict) -%}
    {#- Incremental strategy `cx_replace_affected` of the downstream models
        (DuckDB, incremental_config): delete the rows of the keys the run
        recomputes, then insert the recomputed rows, which the model's query
        has already put in a temporary table. The keys are the query of the
        model's macro affected_keys__<model>; the key column is
        `unique_key`.
        The delete comes after the model's query, not before it (as a
        pre-hook would): DuckDB holds the blocks a delete touched in memory
        until the next checkpoint, which at 10M customers left the query no
        room under memory_limit (checkpoint frees them after the model). -#}
    {%- set affected_keys = context.get('affected_keys__' ~ model.name) -%}
    {%- if affected_keys is none -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ": incremental_strategy cx_replace_affected needs the"
            ~ " macro affected_keys__" ~ model.name ~ " (macros/affected_keys/)"
        ) }}
    {%- endif -%}
    {%- set insert = get_insert_into_sql(
        arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['dest_columns']
    ) -%}
    {{ return(
        'delete from ' ~ arg_dict['target_relation']
        ~ '\nwhere ' ~ arg_dict['unique_key'] ~ ' in (' ~ affected_keys() ~ ');\n'
        ~ insert
    ) }}
{%- endmacro %}
