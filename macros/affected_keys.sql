{#- The keys each incremental model recomputes in an incremental run (see
    macros/incremental_state.sql): one macro per model, called by the
    model's incremental strategy (cx_replace_affected: delete those keys)
    and by its SQL (recompute them), so both see the same set. Each is a query of keys, derived from the rows
    upstream tables (re)wrote in batches the model has not processed. -#}

{% macro affected_keys__int_customer_activity_spells() -%}
    -- records whose person may have changed (a record that left a person
    -- or was rejected is among them by its own id, which is its old key
    -- when it was canonical; otherwise its old key's record shares its
    -- e-mail and was rewritten too)
    select changed.customer_id as customer_key
    from ({{ changed_customer_records() }}) as changed
    union
    select resolved.customer_key
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.cx_batch > {{ processed_batch() }}
    union
    select resolved.customer_key
    from {{ ref('int_customers_resolved') }} as resolved
    where resolved.customer_id in (
        select orders.customer_id
        from {{ ref('base_crm__orders') }} as orders
        where orders.cx_batch > {{ processed_batch() }}
    )
{%- endmacro %}

{% macro affected_keys__int_ticket_milestones() -%}
    select events.ticket_id
    from {{ ref('base_helpdesk__ticket_events') }} as events
    where events.cx_batch > {{ processed_batch() }}
    union
    select tickets.ticket_id
    from {{ ref('base_helpdesk__tickets') }} as tickets
    where
        tickets.cx_batch > {{ processed_batch() }}
        or exists (
            select 1 {#- noqa: AL03 #}
            from {{ ref('base_helpdesk__holidays') }} as holidays
            where holidays.cx_batch > {{ processed_batch() }}
        )
        or {{ schedules_changed(processed_batch()) }}
    union
    -- a changed schedule assignment moves the ticket's business time
    select assignments.ticket_id
    from {{ ref('base_helpdesk__ticket_schedules') }} as assignments
    where assignments.cx_batch > {{ processed_batch() }}
{%- endmacro %}

{% macro affected_keys__fct_tickets() -%}
    select milestones.ticket_id
    from {{ ref('int_ticket_milestones') }} as milestones
    where
        milestones.cx_batch > {{ processed_batch(['sla_targets']) }}
        or not milestones.is_resolved
        or milestones.first_response_at is null
    union
    select tickets.ticket_id
    from {{ ref('base_helpdesk__tickets') }} as tickets
    where
        tickets.cx_batch > {{ processed_batch(['sla_targets']) }}
        or exists (
            select 1 {#- noqa: AL03 #}
            from {{ ref('base_helpdesk__holidays') }} as holidays
            where holidays.cx_batch > {{ processed_batch(['sla_targets']) }}
        )
        or {{ schedules_changed(processed_batch(['sla_targets'])) }}
    union
    select assignments.ticket_id
    from {{ ref('base_helpdesk__ticket_schedules') }} as assignments
    where assignments.cx_batch > {{ processed_batch(['sla_targets']) }}
    union
    select tickets.ticket_id
    from {{ ref('stg_helpdesk__tickets') }} as tickets
    where
        tickets.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records(['sla_targets']) }}) as changed
        )
        or {{ normalize_email('tickets.requester_email') }} in (
            select changed.email_normalized
            from ({{ changed_customer_records(['sla_targets']) }}) as changed
        )
{%- endmacro %}

{% macro affected_keys__int_survey_invitations_answered() -%}
    select invitations.invitation_id
    from {{ ref('base_surveys__invitations') }} as invitations
    where
        invitations.cx_batch > {{ processed_batch() }}
        or invitations.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records() }}) as changed
        )
        or invitations.question_id in (
            select questions.question_id
            from {{ ref('base_surveys__questions') }} as questions
            where questions.cx_batch > {{ processed_batch() }}
        )
    union
    select responses.invitation_id
    from {{ ref('base_surveys__responses') }} as responses
    where responses.cx_batch > {{ processed_batch() }}
{%- endmacro %}

{% macro affected_keys__int_survey_responses_scored() -%}
    select responses.response_id
    from {{ ref('base_surveys__responses') }} as responses
    where
        responses.cx_batch > {{ processed_batch() }}
        or responses.customer_id in (
            select changed.customer_id
            from ({{ changed_customer_records() }}) as changed
        )
        or {{ normalize_email('responses.customer_email') }} in (
            select changed.email_normalized
            from ({{ changed_customer_records() }}) as changed
        )
        or responses.question_id in (
            select questions.question_id
            from {{ ref('base_surveys__questions') }} as questions
            where questions.cx_batch > {{ processed_batch() }}
        )
        or responses.invitation_id in (
            select invitations.invitation_id
            from {{ ref('base_surveys__invitations') }} as invitations
            where
                invitations.cx_batch > {{ processed_batch() }}
                or invitations.customer_id in (
                    select changed.customer_id
                    from ({{ changed_customer_records() }}) as changed
                )
        )
{%- endmacro %}

{% macro affected_keys__int_survey_comment_themes() -%}
    select responses.response_id
    from {{ ref('base_surveys__responses') }} as responses
    where responses.cx_batch > {{ processed_batch(['comment_theme_keywords']) }}
{%- endmacro %}

{% macro affected_keys__int_customers_resolved(with_loaded=false) -%}
    {#- The changed customer records and every record sharing an e-mail
        with one of them (their person may have a new canonical record);
        with_loaded adds the records of this table that share such an
        e-mail (a record that left the e-mail's person), for the delete. -#}
    {%- set changed_records -%}
    select
        changed.customer_id,
        changed.email_normalized
    from {{ ref('base_crm__customers') }} as changed
    where changed.cx_batch > {{ processed_batch() }}
    {%- endset %}
    select changed.customer_id from ({{ changed_records }}) as changed
    union
    select records.customer_id
    from {{ ref('stg_crm__customers') }} as records
    where records.email_normalized in (
        select changed.email_normalized from ({{ changed_records }}) as changed
    )
    {%- if with_loaded %}
    union
    select loaded.customer_id
    from {{ this }} as loaded
    where loaded.email_normalized in (
        select changed.email_normalized from ({{ changed_records }}) as changed
    )
    {%- endif %}
{%- endmacro %}
