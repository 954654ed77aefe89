{% macro processed_batch() -%}
    {#- The last batch this model processed (a subquery); long ago when
        none, or when its settings changed since (then every key is
        recomputed). Only an incremental run asks. -#}
    {%- if not is_incremental() -%}
        {{ return("cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif %}
    (
        select
            coalesce(
                max(
                    case
                        when settings_fingerprint = '{{ settings_fingerprint() }}' {#- noqa: LT05 #}
                            then processed_batch
                    end
                ),
                cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
        from {{ source('cx_incremental', 'cx_incremental_state') }}
        where model_name = '{{ this.identifier }}'
    )
{%- endmacro %}
