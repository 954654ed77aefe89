{% test value_between(model, column_name, min_value, max_value) %}
{#- Fails on every non-null value outside [min_value, max_value]; a small
    tolerance absorbs floating-point rounding at the bounds. -#}
select {{ column_name }}
from {{ model }}
where
    {{ column_name }} < {{ min_value }} - 1e-9
    or {{ column_name }} > {{ max_value }} + 1e-9
{% endtest %}
