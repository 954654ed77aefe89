{% macro tested_unique_id(node) -%}
    {#- The model, seed or source a data test (attached_node, or its one
        parent) or unit test (tested_node_unique_id) checks; null for other
        nodes. -#}
    {%- if node.resource_type == 'test' -%}
        {%- if node.attached_node is defined and node.attached_node -%}
            {{ return(node.attached_node) }}
        {%- elif node.depends_on.nodes | length == 1 -%}
            {{ return(node.depends_on.nodes[0]) }}
        {%- endif -%}
    {%- elif node.resource_type == 'unit_test'
        and node.tested_node_unique_id is defined -%}
        {{ return(node.tested_node_unique_id) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
