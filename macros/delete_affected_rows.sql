{% macro delete_affected_rows(key_column, affected_keys) -%}
    {#- SQL header of a downstream incremental model: in an incremental run,
        delete the rows of the keys it recomputes. -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ key_column }} in ({{ affected_keys }});
    {%- endif -%}
{%- endmacro %}
