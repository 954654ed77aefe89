{% macro spark__load_csv_rows(model, agate_table) -%}
    {#- dbt-spark's seed insert, with each value written as a literal of
        this engine instead of a binding: the session connection pastes a
        text binding between quotes unescaped, so a seed value with a quote
        (zendesk_time_zones' Nuku'alofa) broke the insert. -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {%- for row in chunk %}
            (
                {%- for col_name in agate_table.column_names -%}
                    {%- set type = column_override.get(
                        col_name, adapter.convert_type(agate_table, loop.index0)
                    ) -%}
                    {%- set cell = row[loop.index0] -%}
                    {%- if cell is none -%}
                        {%- set value = 'null' -%}
                    {%- elif cell is boolean -%}
                        {%- set value = 'true' if cell else 'false' -%}
                    {%- elif cell is number -%}
                        {%- set value = cell | string -%}
                    {%- else -%}
                        {%- set value = cx_platform.string_literal(cell | string) -%}
                    {%- endif -%}
                    cast({{ value }} as {{ type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
            ){% if not loop.last %},{% endif %}
            {%- endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{%- endmacro %}
