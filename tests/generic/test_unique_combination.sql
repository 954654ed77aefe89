{% test unique_combination(model, columns) %}
{#- Fails on every combination of `columns` that occurs more than once: the
    primary-key test of a multi-column grain. -#}
select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
