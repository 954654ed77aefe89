-- One row per customer reference of a survey invitation, survey response or
-- ticket, resolved to the canonical customer_key: by customer_id first, then
-- by normalised e-mail; null when neither matches a staged customer. The
-- facts resolve their own references inline with the same macro
-- (join_customer_keys); this view gathers them for the identity audit.
with

invitations as (
    select
        invitation_id,
        customer_id
    from {{ ref('stg_surveys__invitations') }}
),

responses as (
    select
        response_id,
        invitation_id,
        customer_id,
        customer_email
    from {{ ref('stg_surveys__responses') }}
),

tickets as (
    select
        ticket_id,
        customer_id,
        requester_email
    from {{ ref('stg_helpdesk__tickets') }}
),

-- a response with an invitation names the invitation's customer
responses_with_invitation_customer as (
    select
        responses.response_id,
        coalesce(invitations.customer_id, responses.customer_id)
            as customer_id,
        case
            when invitations.customer_id is null
                then responses.customer_email
        end as customer_email
    from responses
    left join invitations
        on responses.invitation_id = invitations.invitation_id
),

customer_references as (
    select
        'raw_survey_invitations' as source_table,
        invitation_id as source_key,
        customer_id,
        cast(null as {{ dbt.type_string() }}) as email
    from invitations
    union all
    select
        'raw_survey_responses' as source_table,
        response_id as source_key,
        customer_id,
        customer_email as email
    from responses_with_invitation_customer
    union all
    select
        'raw_tickets' as source_table,
        ticket_id as source_key,
        customer_id,
        requester_email as email
    from tickets
),

resolved as (
    select
        customer_references.source_table,
        customer_references.source_key,
        customer_references.customer_id,
        {{ resolved_customer_key() }} as customer_key,
        {{ resolved_customer_by() }} as resolved_by
    from customer_references
    {{ join_customer_keys(
        'customer_references.customer_id', 'customer_references.email'
    ) }}
)

select * from resolved
