{% test has_no_rejected_rows(model) %}
{#- Any rejected row at all: configured as a warning, so that the build
    passes but says which tables lost rows. -#}
select
    source_table,
    rejected_rows,
    rejected_pct
from {{ model }}
where rejected_rows > 0
{% endtest %}
