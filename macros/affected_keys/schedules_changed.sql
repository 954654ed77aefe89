{% macro schedules_changed(processed) -%}
    {#- SQL condition: a row of raw_schedules or raw_schedule_holidays was (re)loaded after the batch `processed` (SQL
        of a cx_batch): every ticket's business time may move, as when a
        holiday changes. -#}
    {%- set checks = [] -%}
    {%- for model in [
        'base_helpdesk__schedules', 'base_helpdesk__schedule_holidays',
    ] -%}
        {%- do checks.append(
            'exists (select 1 from ' ~ cx_platform.with_replaced_rows(ref(model)) ~ ' as changed'
            ~ ' where changed.cx_batch > ' ~ processed ~ ')'
        ) -%}
    {%- endfor -%}
    {{ return('(' ~ checks | join(' or ') ~ ')') }}
{%- endmacro %}
