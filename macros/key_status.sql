{% macro key_status(key_column, hash_column='row_fingerprint') -%}
    {#- The key rules of the raw contract, in the contract's order:
        missing_key; then, among rows sharing a key, conflicting_key when
        any two differ (all are rejected, no engine-dependent choice) and
        duplicate_row for all but one of identical rows. -#}
    case
        when {{ key_column }} is null then 'missing_key'
        when
            min({{ hash_column }}) over (partition by {{ key_column }})
            <> max({{ hash_column }}) over (partition by {{ key_column }})
            then 'conflicting_key'
        when
            row_number() over (
                partition by {{ key_column }} order by {{ hash_column }}
            ) > 1
            then 'duplicate_row'
    end
{%- endmacro %}
