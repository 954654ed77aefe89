{% macro keys_of_reloaded_parents(key_column, parent_column, parent) -%}
    {#- A query of the keys of this base_ model's loaded rows whose parent
        (`parent_column`, a key of the base_ model `parent`) this run
        reloaded (a cx_batch newer than any of this model's rows), or whose
        parent row a rewritten or removed raw file replaced
        (with_replaced_rows): their reference rule must be evaluated again.
        For raw_scope's extra_keys. -#}
    {%- set sql -%}
select changed.{{ key_column }}
from {{ this }} as changed
where changed.{{ parent_column }} in (
    select parents.{{ parent_column }}
    from {{ cx_platform.with_replaced_rows(parent) }} as parents
    where parents.cx_batch > (
        select max(loaded.cx_batch) from {{ this }} as loaded
    )
)
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}
