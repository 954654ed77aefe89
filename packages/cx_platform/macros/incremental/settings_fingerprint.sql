{% macro settings_fingerprint() -%}
    {#- The vars that shape the derived tables, and the contents of the
        lookup seeds the model reads (incremental_config's `seeds`, kept in
        its meta as settings_seeds): when any of them changes, the model
        recomputes every key. -#}
    {%- set parts = [] -%}
    {%- for name in [
        'business_days', 'business_start_time', 'business_end_time',
        'business_timezone', 'inactivity_days', 'as_of_date',
    ] -%}
        {%- do parts.append(name ~ '=' ~ var(name, none)) -%}
    {%- endfor -%}
    {%- if execute -%}
        {%- for seed_name in config.get('meta', {}).get('settings_seeds', []) -%}
            {%- set rows = run_query(
                "select * from " ~ ref(seed_name) ~ " order by 1, 2"
            ).rows -%}
            {%- do parts.append(seed_name ~ '=' ~ (rows | map('list') | list)) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(local_md5(parts | join('|'))) }}
{%- endmacro %}
