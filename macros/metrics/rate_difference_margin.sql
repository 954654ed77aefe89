{% macro rate_difference_margin(events, trials, reference_events, reference_trials) -%}
    {#- docs/metrics.md, churn drivers: the 95% margin, in percentage
        points, of the difference between two rates p = events/trials and
        pr = reference_events/reference_trials,
        196·sqrt(p(1−p)/n + pr(1−pr)/nr) (normal approximation for two
        independent proportions). A difference is significant when its
        absolute value exceeds it. Null when either side has no trials. -#}
    {%- set double = cx_platform.type_double() -%}
    {%- set p = 'cast(' ~ events ~ ' as ' ~ double ~ ') / ' ~ trials -%}
    {%- set pr = 'cast(' ~ reference_events ~ ' as ' ~ double ~ ') / '
        ~ reference_trials -%}
    case
        when {{ trials }} > 0 and {{ reference_trials }} > 0
            then 196.0 * sqrt(
                ({{ p }})
                * (1.0 - {{ p }})
                / {{ trials }}
                + ({{ pr }})
                * (1.0 - {{ pr }})
                / {{ reference_trials }}
            )
    end
{%- endmacro %}
