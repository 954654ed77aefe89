{% test reconciles(model, total, parts) %}
{#- Fails on every row where `total` differs from the sum of `parts`. -#}
select *
from {{ model }}
where {{ total }} <> {{ parts | join(' + ') }} {#- noqa: LT02 #}
    or {{ total }} is null
{% endtest %}
