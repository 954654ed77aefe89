{% macro get_incremental_cx_replace_affected_sql(arg_dict) -%}
    {#- Incremental strategy `cx_replace_affected` of the downstream models
        (DuckDB): delete the rows of the keys the run recomputes, then insert
        the recomputed rows, which the model's query has already put in a
        temporary table. The keys are the model's affected_keys__ macro,
        handed over by its pre-hook cx_affected_keys(); the key column is
        `unique_key`.
        The delete comes after the model's query, not before it (as a
        pre-hook would): DuckDB holds the blocks a delete touched in memory
        until the next checkpoint, which at 10M customers left the query no
        room under memory_limit (cx_checkpoint frees them after the model). -#}
    {%- set keys = model.get('cx_affected_keys_sql') -%}
    {%- if not keys -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ": incremental_strategy cx_replace_affected needs the"
            ~ " pre-hook cx_affected_keys(affected_keys__<model>(...))"
        ) }}
    {%- endif -%}
    {%- set insert = get_insert_into_sql(
        arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['dest_columns']
    ) -%}
    {{ return(
        'delete from ' ~ arg_dict['target_relation']
        ~ '\nwhere ' ~ arg_dict['unique_key'] ~ ' in (' ~ keys ~ ');\n'
        ~ insert
    ) }}
{%- endmacro %}
