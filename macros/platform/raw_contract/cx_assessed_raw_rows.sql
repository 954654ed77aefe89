{% macro cx_assessed_raw_rows(table_name, relation, reason_column='rejection_reason') -%}
    {#- The CTEs that validate the raw rows of `relation` (raw_scope) of
        the raw table `table_name`, all generated from its declaration
        (cx_raw_declaration): one CTE per referenced staged model,
        repeated_keys, keyed (key_checked_rows: the cleaned values, the raw
        values and the key rules) and assessed: every keyed row with
        `reason_column`, the first rule it breaks in the precedence of
        cx_rejection_reasons(), null when it breaks none. Ends with a comma:
        the model goes on with its own CTEs (final). A referenced model must
        also be named in the model with `-- depends_on: ref(...)`, so that
        dbt knows the dependency when it parses. -#}
    {%- set declaration = cx_raw_declaration(table_name) -%}
    {%- set raw_columns = declaration.columns | map(attribute='name') | list -%}
    {%- set cleaned = [] -%}
    {%- for output in cx_declared_outputs(declaration) -%}
        {%- do cleaned.append(
            output.sql ~ ' as ' ~ output.name
        ) -%}
    {%- endfor -%}
    {%- set conditions = [] -%}
    {%- set lookups = [] -%}
    {%- for c in declaration.columns -%}
        {%- set value = 'keyed.' ~ c['as'] -%}
        {%- if c.required and c.clean in ('timestamp', 'date') -%}
            {%- do conditions.append({
                'reason': c.required, 'when': 'not ' ~ plausible_instant(value),
            }) -%}
        {%- elif c.required -%}
            {%- do conditions.append({
                'reason': c.required, 'when': value ~ ' is null',
            }) -%}
        {%- endif -%}
        {%- if c.invalid -%}
            {%- do conditions.append({
                'reason': c.invalid,
                'when': clean_text('keyed.raw__' ~ c.name) ~ ' is not null and '
                    ~ value ~ ' is null',
            }) -%}
        {%- endif -%}
        {%- if c['values'] -%}
            {%- set literals = [] -%}
            {%- for v in c['values'] -%}
                {%- do literals.append(cx_string_literal(v | string)) -%}
            {%- endfor -%}
            {%- do conditions.append({
                'reason': 'unknown_value',
                'when': value ~ ' is null or ' ~ value ~ ' not in ('
                    ~ literals | join(', ') ~ ')',
            }) -%}
        {%- endif -%}
        {%- for rule in c.rules -%}
            {%- do conditions.append(rule) -%}
        {%- endfor -%}
        {%- if c.references -%}
            {%- set ref_ = c.references -%}
            {%- set key = ref_.get('column', c['as']) -%}
            {%- do lookups.append({
                'alias': ref_['as'], 'model': ref_.model,
                'columns': [key] + ref_.get('columns', []),
                'on': value ~ ' = ' ~ ref_['as'] ~ '.' ~ key,
            }) -%}
            {%- do conditions.append({
                'reason': ref_.reason, 'when': ref_['as'] ~ '.' ~ key ~ ' is null',
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for rule in declaration.rules -%}
        {%- do conditions.append(rule) -%}
    {%- endfor -%}
    {%- set reasons = cx_rejection_reasons() -%}
    {%- for condition in conditions if condition.reason not in reasons -%}
        {{ exceptions.raise_compiler_error(
            table_name ~ " declares the reason '" ~ condition.reason
            ~ "', which is not in cx_rejection_reasons()."
        ) }}
    {%- endfor -%}
    {%- set sql -%}
{%- for lookup in lookups %}
{{ lookup.alias }} as (
    select {{ lookup.columns | join(', ') }}
    from {{ ref(lookup.model) }}
),
{% endfor %}
repeated_keys as (
    {{ repeated_keys(relation, declaration.key) }}
),

keyed as (
    {{ key_checked_rows(
        relation, declaration.key, 'repeated_keys',
        cleaned | join(',\n'), raw_columns
    ) }}
),

assessed as (
    select
        keyed.*,
        coalesce(
            keyed.key_rejection,
            case
            {%- for reason in reasons %}
                {%- for condition in conditions if condition.reason == reason %}
                when {{ condition.when | trim | replace('\n', '\n                    ') }}
                    then '{{ reason }}'
                {%- endfor %}
            {%- endfor %}
            end
        ) as {{ reason_column }}
    from keyed
    {%- for lookup in lookups %}
    left join {{ lookup.alias }}
        on {{ lookup.on }}
    {%- endfor %}
),
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}
