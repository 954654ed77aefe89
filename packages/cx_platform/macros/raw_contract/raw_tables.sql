{% macro raw_tables() -%}
    {#- The tables of the raw contract with their source, key and the
        models that validate and stage them: the single list the audit
        models loop over. A staged row of raw_schedules is an interval
        (stg_helpdesk__schedule_intervals); stg_helpdesk__schedules derives
        the schedules from them. -#}
    {{ return([
        {'table': 'raw_customers', 'source': 'crm', 'key': 'customer_id',
         'base': 'base_crm__customers', 'staged': 'stg_crm__customers'},
        {'table': 'raw_orders', 'source': 'crm', 'key': 'order_id',
         'base': 'base_crm__orders', 'staged': 'stg_crm__orders'},
        {'table': 'raw_survey_questions', 'source': 'surveys', 'key': 'question_id',
         'base': 'base_surveys__questions', 'staged': 'stg_surveys__questions'},
        {'table': 'raw_survey_invitations', 'source': 'surveys', 'key': 'invitation_id',
         'base': 'base_surveys__invitations', 'staged': 'stg_surveys__invitations'},
        {'table': 'raw_survey_responses', 'source': 'surveys', 'key': 'response_id',
         'base': 'base_surveys__responses', 'staged': 'stg_surveys__responses'},
        {'table': 'raw_tickets', 'source': 'helpdesk', 'key': 'ticket_id',
         'base': 'base_helpdesk__tickets', 'staged': 'stg_helpdesk__tickets'},
        {'table': 'raw_ticket_events', 'source': 'helpdesk', 'key': 'event_id',
         'base': 'base_helpdesk__ticket_events', 'staged': 'stg_helpdesk__ticket_events'},
        {'table': 'raw_holidays', 'source': 'helpdesk', 'key': 'holiday_key',
         'base': 'base_helpdesk__holidays', 'staged': 'stg_helpdesk__holidays'},
        {'table': 'raw_schedules', 'source': 'helpdesk',
         'key': 'schedule_interval_key',
         'base': 'base_helpdesk__schedules',
         'staged': 'stg_helpdesk__schedule_intervals'},
        {'table': 'raw_schedule_holidays', 'source': 'helpdesk',
         'key': 'schedule_holiday_key',
         'base': 'base_helpdesk__schedule_holidays',
         'staged': 'stg_helpdesk__schedule_holidays'},
        {'table': 'raw_ticket_schedules', 'source': 'helpdesk',
         'key': 'ticket_schedule_key',
         'base': 'base_helpdesk__ticket_schedules',
         'staged': 'stg_helpdesk__ticket_schedules'},
    ]) }}
{%- endmacro %}
