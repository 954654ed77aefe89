{% macro percentiles_by_rank(relation, group_columns, measures, percentiles) -%}
    {#- A query with one row per group of `relation` (its columns
        `group_columns`, which must not be null) that has a value in any of
        `measures`, and one column <name>_<measure> for every (name,
        fraction) of `percentiles` (a list of pairs, e.g. [('median', 0.5),
        ('p90', 0.9)]) and every measure: the continuous percentile of the
        measure's non-null values in the group, null when it has none.

        Why not percentile_cont / quantile_cont: those are holistic
        aggregates that hold every value of every group in memory at once
        (DuckDB cannot spill them), so with tens of millions of tickets the
        build runs out of memory. Here the values are ranked by one sort,
        which spills, and only the two values around each percentile's
        position are kept. The groups are numbered first, so that the sort
        is on two integers and the value rather than on the group's text
        columns (3x faster on DuckDB).

        The interpolation is percentile_cont's (Postgres' to the bit): with
        the n values sorted ascending and numbered from 0, the position is
        rn = (n - 1) * fraction as a double, and the percentile is
        lo + (hi - lo) * (rn - floor(rn)), lo and hi being the values at
        floor(rn) and ceil(rn). -#}
    {%- set double = cx_platform.type_double() -%}
    {%- set positions = [] -%}
    {%- for name, fraction in percentiles -%}
        {%- set rank = '(cast(n - 1 as ' ~ double ~ ') * cast('
            ~ fraction ~ ' as ' ~ double ~ '))' -%}
        {%- do positions.append({
            'name': name,
            'rank': rank,
            'low': 'cast(floor(' ~ rank ~ ') as ' ~ dbt.type_bigint() ~ ')',
            'high': 'cast(ceil(' ~ rank ~ ') as ' ~ dbt.type_bigint() ~ ')',
        }) -%}
    {%- endfor -%}
    with

    numbered_groups as (
        select
            row_number() over (
                order by {{ group_columns | join(', ') }}
            ) as cx_group_id,
            {{ group_columns | join(',\n            ') }}
        from (
            select distinct {{ group_columns | join(', ') }}
            from {{ relation }}
        ) as distinct_groups
    ),

    grouped as (
        select
            numbered_groups.cx_group_id,
            {{ measures | join(',\n            ') }}
        from {{ relation }} as measured_rows
        inner join numbered_groups
            on
            {%- for g in group_columns %}
                {% if not loop.first %}and {% endif -%}
                measured_rows.{{ g }} = numbered_groups.{{ g }}
            {%- endfor %}
    ),

    -- one row per measured value: the rows read once, each with a row of
    -- `measure_numbers` per measure (a union of one select per measure reads
    -- them once per measure)
    measure_numbers as (
        {%- for m in measures %}
        select {{ loop.index }} as cx_measure
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ),

    measured as (
        select
            grouped.cx_group_id,
            measure_numbers.cx_measure,
            case measure_numbers.cx_measure
                {%- for m in measures %}
                when {{ loop.index }} then cast({{ m }} as {{ double }})
                {%- endfor %}
            end as cx_value
        from grouped
        cross join measure_numbers
    ),

    ranked as (
        select
            cx_group_id,
            cx_measure,
            cx_value,
            row_number() over (
                partition by cx_group_id, cx_measure order by cx_value
            ) - 1 as position,
            count(*) over (
                partition by cx_group_id, cx_measure order by cx_value
                rows between unbounded preceding and unbounded following
            ) as n
        from measured
        where cx_value is not null
    ),

    bounds as (
        select
            cx_group_id,
            cx_measure,
            n,
            {%- for p in positions %}
            max(case when position = {{ p.low }} then cx_value end)
                as {{ p.name }}_low,
            max(case when position = {{ p.high }} then cx_value end)
                as {{ p.name }}_high{% if not loop.last %},{% endif %}
            {%- endfor %}
        from ranked
        where
            {%- for p in positions %}
            position = {{ p.low }}
            or position = {{ p.high }}{% if not loop.last %}
            or{% endif %}
            {%- endfor %}
        group by cx_group_id, cx_measure, n {#- noqa: AM06 #}
    )

    select
        {%- for g in group_columns %}
        numbered_groups.{{ g }},
        {%- endfor %}
        {%- for p in positions %}
        {%- set outer_loop = loop %}
        {%- for m in measures %}
        max(
            case
                when bounds.cx_measure = {{ loop.index }}
                    then bounds.{{ p.name }}_low
                    + (bounds.{{ p.name }}_high - bounds.{{ p.name }}_low)
                    * ({{ p.rank | replace('n - 1', 'bounds.n - 1') }}
                    - floor({{ p.rank | replace('n - 1', 'bounds.n - 1') }}))
            end
        ) as {{ p.name }}_{{ m }}{% if not (outer_loop.last and loop.last) %},{% endif %} {#- noqa: LT05 #}
        {%- endfor %}
        {%- endfor %}
    from bounds
    inner join numbered_groups
        on bounds.cx_group_id = numbered_groups.cx_group_id
    group by
        {%- for g in group_columns %}
        numbered_groups.{{ g }}{% if not loop.last %},{% endif %}
        {%- endfor %}
{%- endmacro %}
