{#-
    The series SPC charts and the months each is charted as at (docs/spc.md), in one place:
    int_trend__spc_limits builds from them and its incremental pre-hook compares with them.
-#}

{#- Every month with a value of a summed measure: streak measures are run lengths, not a process to chart. -#}
{% macro spc_charted_months() -%}
    select
        monthly.measure_id,
        monthly.area_code,
        monthly.month_start,
        monthly.value,
        measures.kind
    from {{ ref('fct_measure_monthly') }} as monthly
    inner join {{ ref('dim_measures') }} as measures on monthly.measure_id = measures.measure_id
    where measures.window_aggregation = 'sum' and monthly.value is not null
{%- endmacro %}

{#-
    The as-at series of `charted` (a relation of spc_charted_months' columns; by default those
    months themselves): every series as at its latest month (is_latest) and, for the force area,
    as at each quarter end from its first month to the data's latest month.
-#}
{% macro spc_as_at_months(charted=none) -%}
    {%- set charted = charted or '(' ~ spc_charted_months() ~ ')' -%}
    with

    series_spans as (

        select
            measure_id,
            area_code,
            min(month_start) as first_month,
            max(month_start) as series_end,
            max(max(month_start)) over () as data_end
        from {{ charted }}
        group by measure_id, area_code

    )

    select
        measure_id,
        area_code,
        series_end as as_at_month,
        true as is_latest
    from series_spans

    union all

    select
        spans.measure_id,
        spans.area_code,
        cast(quarter_ends.quarter_end as date) as as_at_month,
        false as is_latest
    from series_spans as spans
    cross join
        lateral (
            select unnest(
                generate_series(
                    cast(date_trunc('year', spans.first_month) + interval 2 month as timestamp),
                    cast(spans.data_end as timestamp),
                    interval 3 month
                )
            ) as quarter_end
        ) as quarter_ends
    where
        spans.area_code = '{{ var("force_area_code") }}'
        and cast(quarter_ends.quarter_end as date) >= spans.first_month
        and cast(quarter_ends.quarter_end as date) != spans.series_end
{%- endmacro %}
