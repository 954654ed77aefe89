{% macro processed_batch() -%}
    {#- The last batch this model processed (a subquery): the latest one
        under its current settings (settings_fingerprint), provided no
        batch under other settings came after it; long ago when none, so
        that after a change of settings every key is recomputed, also when
        they change back (the rows of the batches in between were computed
        with the other settings). Only an incremental run asks. -#}
    {%- if not is_incremental() -%}
        {{ return("cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif %}
    {%- set state = source('cx_incremental', 'cx_incremental_state') %}
    (
        select
            coalesce(
                max(processed.processed_batch),
                cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
        from {{ state }} as processed
        where
            processed.model_name = '{{ this.identifier }}'
            and processed.settings_fingerprint = '{{ cx_platform.settings_fingerprint() }}' {#- noqa: LT05 #}
            and not exists (
                select 1 {#- noqa: AL03 #}
                from {{ state }} as later
                where
                    later.model_name = processed.model_name
                    and later.settings_fingerprint
                    <> processed.settings_fingerprint
                    and later.processed_batch > processed.processed_batch
            )
    )
{%- endmacro %}
