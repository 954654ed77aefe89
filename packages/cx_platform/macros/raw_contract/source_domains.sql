{% macro source_domains() -%}
    {#- The domains of the raw contract that a source adapter can fill, each
        as {'domain', 'var' (the var that picks its source), 'tables' (the
        contract tables of the domain), 'adapters' (the values of the var
        besides 'raw', each an adapter whose models
        models/staging/<adapter>/<adapter>__<contract table> map the tool's
        tables into every table of the domain), 'optional' (per adapter: an
        optional contract table and the tool's table it is mapped from; when
        that tool table is absent the contract table is read as with 'raw'),
        'left_out' (the adapters whose model <adapter>__left_out_rows audits
        the source rows they leave out)}. The single list raw_source,
        source_adapter and audit_rejected_rows read (docs/sources.md).
        raw_holidays belongs to no domain: it always comes from raw_source. -#}
    {{ return([
        {'domain': 'tickets', 'var': 'tickets_source',
         'tables': ['raw_tickets', 'raw_ticket_events', 'raw_schedules',
                    'raw_schedule_holidays', 'raw_ticket_schedules'],
         'adapters': ['zendesk'],
         'optional': {'zendesk': {
             'raw_schedules': 'schedule',
             'raw_schedule_holidays': 'schedule_holiday',
             'raw_ticket_schedules': 'ticket_schedule'}},
         'left_out': ['zendesk']},
        {'domain': 'surveys', 'var': 'surveys_source',
         'tables': ['raw_survey_questions', 'raw_survey_invitations',
                    'raw_survey_responses'],
         'adapters': ['qualtrics'], 'optional': {},
         'left_out': ['qualtrics']},
        {'domain': 'orders', 'var': 'orders_source',
         'tables': ['raw_customers', 'raw_orders'],
         'adapters': ['shopify'], 'optional': {}, 'left_out': ['shopify']},
    ]) }}
{%- endmacro %}
