{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series(ref('int_trend__spc_limits')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Every charted point with the process phase it belongs to and that phase's centre and limits
-- (docs/spc.md). Rules:
-- 1. Charted value: seasonal measures (var spc_seasonal_measures) are charted seasonally adjusted,
--    value / the calendar month's index from the phase 1 baseline (index = the month's baseline
--    mean / the mean of the 12 monthly means); a series whose baseline lacks a calendar month gets
--    no adjustment. Other measures are charted as they are.
-- 2. Provisional points: for outcome-lagged measures (var spc_outcome_lagged_measures: outcome
--    codes counted against the month of recording, i.e. the solved rate) the last
--    var outcome_maturity_months (6) months of the series are provisional: charted, but with no
--    part in limits, re-bases or signals.
-- 3. Phase 1 is judged against the stated baseline of int_trend__spc_limits. A phase's centre is
--    the mean of its baseline points, XmR limits centre +/- 2.66 x mean moving range, c-chart
--    limits centre +/- 3 sqrt(centre), lower limits floored at 0.
-- 4. Re-base: after a phase's baseline, the first run of var spc_rebase_points (15) or more
--    consecutive points on one side of its centre (a point on the line breaks the run) is a
--    confirmed sustained shift; a new phase starts at that run's first point, and its baseline is
--    its first spc_rebase_points points (the run itself). Phases are unrolled up to
--    var spc_max_phases (8), which bounds the re-bases of a series.
-- 5. As at: each series as at each as_at_month of int_trend__spc_limits uses only its months up to
--    that month (its provisional months, seasonal indices, phases and limits are the ones known then).
-- Incremental by as-at series (macros/incremental.sql): a refresh builds only the series a
-- changed month reaches, and new ones.
{% set max_phases = var('spc_max_phases', 8) | int(8) %}
{% set rebase_points = var('spc_rebase_points', 15) | int(15) %}
{% set maturity = var('outcome_maturity_months', 6) %}
{% set seasonal = var('spc_seasonal_measures', []) %}
{% set lagged = var('spc_outcome_lagged_measures', []) %}
with

limits as (

    -- Series too rare to chart (chart_type none) keep one phase and get no limits.
    select * from {{ ref('int_trend__spc_limits') }} as limits
    where {{ as_at_series_to_build('limits') }}

),

monthly as (

    select
        limits.as_at_month,
        limits.is_latest,
        monthly.measure_id,
        monthly.area_code,
        monthly.month_start,
        monthly.value,
        limits.chart_type,
        limits.baseline_start as stated_baseline_start,
        limits.baseline_end as stated_baseline_end,
        {% if lagged is not string and lagged | length > 0 -%}
            monthly.measure_id in ('{{ lagged | join("', '") }}')
        {%- else -%}
            false
        {%- endif %} as is_outcome_lagged,
        row_number() over (
            partition by limits.as_at_month, monthly.measure_id, monthly.area_code order by monthly.month_start
        ) as point_index,
        max(monthly.month_start) over (
            partition by limits.as_at_month, monthly.measure_id, monthly.area_code
        ) as series_end
    from {{ ref('fct_measure_monthly') }} as monthly
    inner join limits
        on
            monthly.measure_id = limits.measure_id
            and monthly.area_code = limits.area_code
            and monthly.month_start <= limits.as_at_month
    where monthly.value is not null

),

calendar_means as (

    select
        as_at_month,
        measure_id,
        area_code,
        month(month_start) as calendar_month,
        {{ exact_mean("value") }} as calendar_mean
    from monthly
    where
        month_start between stated_baseline_start and stated_baseline_end
        {% if seasonal is not string and seasonal | length > 0 -%}
            and measure_id in (
                '{{ seasonal | join("', '") }}'
            )
        {% else %}
            and false
        {% endif %}
    group by as_at_month, measure_id, area_code, month(month_start)

),

seasonal_indices as (

    select
        as_at_month,
        measure_id,
        area_code,
        calendar_month,
        calendar_mean / nullif(
            {{ exact_mean("calendar_mean", over="over (partition by as_at_month, measure_id, area_code)") }}, 0
        ) as seasonal_index
    from calendar_means
    -- Every calendar month needs a baseline mean, or the series is left unadjusted.
    qualify count(*) over (partition by as_at_month, measure_id, area_code) = 12

),

series as (

    select
        monthly.*,
        coalesce(seasonal_indices.seasonal_index, 1.0) as seasonal_index,
        monthly.value / coalesce(nullif(seasonal_indices.seasonal_index, 0), 1.0) as chart_value,
        coalesce(
            monthly.is_outcome_lagged
            and monthly.month_start > {{ add_months('monthly.series_end', '-' ~ maturity) }},
            false
        ) as is_provisional
    from monthly
    left join seasonal_indices
        on
            monthly.as_at_month = seasonal_indices.as_at_month
            and monthly.measure_id = seasonal_indices.measure_id
            and monthly.area_code = seasonal_indices.area_code
            and month(monthly.month_start) = seasonal_indices.calendar_month

),

{% for phase in range(1, max_phases + 1) %}
    -- Phase {{ phase }}'s baseline points: the stated baseline for phase 1, else the first
    -- spc_rebase_points points from the shift that started the phase.
    phase_{{ phase }}_baseline as (

        {% if phase == 1 %}
            select
                series.*,
                1 as start_index,
                'stated baseline' as rebase_reason
            from series
            where
                series.month_start between series.stated_baseline_start and series.stated_baseline_end
                and not series.is_provisional
        {% else %}
            select
                series.*,
                shifts.start_index,
                shifts.rebase_reason
            from series
            inner join phase_{{ phase - 1 }}_next as shifts
                on
                    series.as_at_month = shifts.as_at_month
                    and series.measure_id = shifts.measure_id
                    and series.area_code = shifts.area_code
                    and series.point_index between shifts.start_index and shifts.start_index + {{ rebase_points - 1 }}
        {% endif %}

    ),

    phase_{{ phase }}_limits as (

        select
            as_at_month,
            measure_id,
            area_code,
            {{ phase }} as phase,
            any_value(chart_type) as chart_type,
            any_value(start_index) as start_index,
            any_value(rebase_reason) as rebase_reason,
            min(month_start) as baseline_start,
            max(month_start) as baseline_end,
            max(point_index) as baseline_end_index,
            {{ exact_mean("chart_value") }} as centre,
            {{ exact_mean("moving_range") }} as mean_moving_range
        from (
            select
                *,
                abs(
                    chart_value
                    - lag(chart_value) over (partition by as_at_month, measure_id, area_code order by point_index)
                ) as moving_range
            from phase_{{ phase }}_baseline
        ) as baseline
        group by as_at_month, measure_id, area_code

    ),

    -- The first confirmed shift after phase {{ phase }}'s baseline: it starts phase {{ phase + 1 }}.
    phase_{{ phase }}_next as (

        select
            as_at_month,
            measure_id,
            area_code,
            min(run_start_index) as start_index,
            arg_min(reason, run_start_index) as rebase_reason
        from (
            select
                as_at_month,
                measure_id,
                area_code,
                min(point_index) as run_start_index,
                count(*) || ' points in a row ' || side || ' the centre line of phase {{ phase }} from '
                || strftime(min(month_start), '%b %Y') as reason
            from (
                select
                    series.as_at_month,
                    series.measure_id,
                    series.area_code,
                    series.point_index,
                    series.month_start,
                    case
                        when series.chart_value > limits.centre then 'above'
                        when series.chart_value < limits.centre then 'below'
                        else 'on'
                    end as side,
                    series.point_index - row_number() over (
                        partition by
                            series.as_at_month,
                            series.measure_id,
                            series.area_code,
                            case
                                when series.chart_value > limits.centre then 'above'
                                when series.chart_value < limits.centre then 'below'
                                else 'on'
                            end
                        order by series.point_index
                    ) as island
                from series
                inner join phase_{{ phase }}_limits as limits
                    on
                        series.as_at_month = limits.as_at_month
                        and series.measure_id = limits.measure_id
                        and series.area_code = limits.area_code
                where
                    series.point_index > limits.baseline_end_index
                    and not series.is_provisional
                    and series.chart_type != 'none'
            ) as sided
            where side in ('above', 'below')
            group by as_at_month, measure_id, area_code, side, island
            having count(*) >= {{ rebase_points }}
        ) as runs
        group by as_at_month, measure_id, area_code

    ),

{% endfor %}

phases as (

    {% for phase in range(1, max_phases + 1) %}
        select * from phase_{{ phase }}_limits
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

bounded as (

    select
        *,
        coalesce(
            lead(start_index) over (partition by as_at_month, measure_id, area_code order by phase) - 1,
            2147483647
        ) as end_index,
        case
            when chart_type = 'xmr' then greatest(0, centre - 2.66 * mean_moving_range)
            when chart_type = 'c' then greatest(0, centre - 3 * sqrt(centre))
        end as lower_limit,
        case
            when chart_type = 'xmr' then centre + 2.66 * mean_moving_range
            when chart_type = 'c' then centre + 3 * sqrt(centre)
        end as upper_limit
    from phases

)

select
    series.measure_id,
    series.area_code,
    series.as_at_month,
    series.is_latest,
    series.month_start,
    cast(series.point_index as integer) as point_index,
    series.value,
    series.seasonal_index,
    series.chart_value,
    series.is_provisional,
    series.chart_type,
    cast(bounded.phase as integer) as phase,
    phase_starts.month_start as phase_start,
    bounded.rebase_reason,
    series.point_index = bounded.start_index and bounded.phase > 1 as is_rebase_month,
    bounded.baseline_start,
    bounded.baseline_end,
    bounded.centre,
    bounded.mean_moving_range,
    bounded.lower_limit,
    bounded.upper_limit
from series
inner join bounded
    on
        series.as_at_month = bounded.as_at_month
        and series.measure_id = bounded.measure_id
        and series.area_code = bounded.area_code
        and series.point_index between bounded.start_index and bounded.end_index
inner join series as phase_starts
    on
        bounded.as_at_month = phase_starts.as_at_month
        and bounded.measure_id = phase_starts.measure_id
        and bounded.area_code = phase_starts.area_code
        and bounded.start_index = phase_starts.point_index
