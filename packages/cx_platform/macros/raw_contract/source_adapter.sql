{% macro source_adapter(table_name) -%}
    {#- The adapter (zendesk, qualtrics, shopify) that the raw contract table
        `table_name` is read from, or none when it is read from raw_source:
        the value of its domain's var (tickets_source, surveys_source,
        orders_source; 'raw' by default) when that names an adapter. A value
        that is neither 'raw' nor an adapter of the domain, a raw_source
        other than 'seeds' or 'tables' (the old raw_source 'zendesk' names
        the new var), and an adapter together with CX_RAW_DIR are compile
        errors, raised while dbt parses too. -#}
    {%- set raw_source = var('raw_source', 'seeds') -%}
    {%- if raw_source == 'zendesk' -%}
        {{ exceptions.raise_compiler_error(
            "var raw_source 'zendesk' is gone: raw_source now only says where"
            ~ " the raw contract's own tables come from ('seeds' or 'tables')."
            ~ " Read the tickets from Zendesk with var tickets_source:"
            ~ " --vars '{tickets_source: zendesk, raw_source: tables}'"
            ~ " (docs/sources.md)."
        ) }}
    {%- elif raw_source not in ('seeds', 'tables') -%}
        {{ exceptions.raise_compiler_error(
            "var raw_source is '" ~ raw_source ~ "': it must be 'seeds' or"
            ~ " 'tables' (docs/sources.md)."
        ) }}
    {%- endif -%}
    {%- for d in cx_platform.source_domains() if table_name in d.tables -%}
        {%- set chosen = var(d.var, 'raw') -%}
        {%- if chosen == 'raw' -%}
            {{ return(none) }}
        {%- elif chosen not in d.adapters -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ d.var ~ " is '" ~ chosen ~ "': it must be 'raw' or '"
                ~ d.adapters | join("' or '") ~ "' (docs/sources.md)."
            ) }}
        {%- elif cx_platform.raw_dir() != '' -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ d.var ~ " '" ~ chosen ~ "' reads the " ~ d.domain
                ~ " from " ~ chosen ~ "'s tables, CX_RAW_DIR from files:"
                ~ " unset CX_RAW_DIR and load the other raw tables into"
                ~ " raw_schema (raw_source: tables)."
            ) }}
        {%- endif -%}
        {{ return(chosen) }}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
