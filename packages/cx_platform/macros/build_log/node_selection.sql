{% macro node_selection() -%}
    {#- The run's --select / --exclude as text; null: the whole project. -#}
    {%- set parts = [] -%}
    {%- for arg in ['select', 'exclude'] -%}
        {%- set value = invocation_args_dict.get(arg) -%}
        {%- if value -%}
            {%- set values = [value] if value is string else value | list -%}
            {%- do parts.append('--' ~ arg ~ ' ' ~ values | join(' ')) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | join(' ') if parts else none) }}
{%- endmacro %}
