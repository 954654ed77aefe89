{% macro nps_interval_bound(nps, margin, side) -%}
    {#- NPS ± margin clipped to [−100, 100]; null when the NPS is null (an
        explicit case: greatest/least skip nulls on some engines). -#}
    case
        when {{ nps }} is not null and {{ margin }} is not null
            then
            {%- if side == 'low' %}
                greatest({{ nps }} - {{ margin }}, -100.0)
            {%- else %}
                least({{ nps }} + {{ margin }}, 100.0)
            {%- endif %}
    end
{%- endmacro %}
