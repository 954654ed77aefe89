{% macro cx_affected_keys(keys_sql) -%}
    {#- Pre-hook of a downstream incremental model (DuckDB): hands the
        query of the keys this run recomputes (the model's affected_keys__
        macro) to its incremental strategy, cx_replace_affected, which
        deletes their rows after the model's query has run. Emits no SQL.
        Called as a hook so that dbt sees at parse time the tables the
        query reads. -#}
    {%- if execute and is_incremental() -%}
        {%- do model.update({'cx_affected_keys_sql': keys_sql}) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
