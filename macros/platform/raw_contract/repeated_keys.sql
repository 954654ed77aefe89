{% macro repeated_keys(relation, key_column) -%}
    {#- The keys that may occur on more than one row of the raw `relation`
        (as key_bucket() values): the only rows the duplicate_row /
        conflicting_key rules need to compare. A grouped count, so the
        common case (a key that occurs once) costs no sort and no
        fingerprint. -#}
    select {{ key_bucket(raw_key(key_column)) }} as repeated_key
    from {{ relation }} as raw_rows {#- noqa: AL05 #}
    where {{ raw_key(key_column) }} is not null
    group by 1
    having count(*) > 1
{%- endmacro %}
