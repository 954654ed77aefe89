{% macro key_checked_rows(relation, key_column, repeated, cleaned_columns, raw_columns) -%}
    {#- Every row of the raw `relation` with its cleaned columns (the SQL
        select list `cleaned_columns`, written against the raw column names),
        its raw text values (raw__<column>, for the audit), its
        cx_source_file, and the key rules
        of the raw contract in their order:
        - missing_key: the trimmed key is empty;
        - conflicting_key: rows sharing a key differ in any trimmed value
          (all of them are rejected: no engine-dependent choice);
        - duplicate_row: rows sharing a key are identical; all but one are
          rejected (the one kept is the first by raw text, so the audit is
          the same on every run).
        `repeated` names a relation of repeated_keys(): rows whose key occurs
        once take the first branch, which needs no window at all. -#}
    {%- set key = raw_key(key_column, 'raw_rows.') -%}
    {%- set bucket = key_bucket(key) -%}
    select
        {{ cleaned_columns | indent(8) }},
        {%- for c in raw_columns %}
        raw_rows.{{ c }} as raw__{{ c }},
        {%- endfor %}
        raw_rows.cx_source_file,
        case when {{ key }} is null then 'missing_key' end as key_rejection
    from {{ relation }} as raw_rows
    left join {{ repeated }} as repeated
        on {{ bucket }} = repeated.repeated_key
    where {{ key }} is null or repeated.repeated_key is null

    union all

    select
        {{ cleaned_columns | indent(8) }},
        {%- for c in raw_columns %}
        raw_rows.{{ c }} as raw__{{ c }},
        {%- endfor %}
        raw_rows.cx_source_file,
        case
            when
                min(raw_rows.cx_row_fingerprint)
                    over (partition by raw_rows.cx_key)
                <> max(raw_rows.cx_row_fingerprint)
                    over (partition by raw_rows.cx_key)
                then 'conflicting_key'
            when
                row_number() over (
                    partition by raw_rows.cx_key
                    order by raw_rows.cx_raw_text
                ) > 1
                then 'duplicate_row'
        end as key_rejection
    from (
        select
            raw_rows.*,
            {{ key }} as cx_key,
            {{ raw_row_json(raw_columns, 'raw_rows.', cleaned=true) }}
                as cx_row_fingerprint,
            {{ raw_row_json(raw_columns, 'raw_rows.') }} as cx_raw_text
        from {{ relation }} as raw_rows
        inner join {{ repeated }} as repeated
            on {{ bucket }} = repeated.repeated_key
        where {{ key }} is not null
    ) as raw_rows
{%- endmacro %}
