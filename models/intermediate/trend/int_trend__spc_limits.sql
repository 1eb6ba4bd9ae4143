-- Centre line and control limits of each measure x area from its baseline months.
-- Baseline: the spc_baseline_months (24) months ending var baseline_end (Dec 2019), pre-pandemic
-- and aligned with the national baseline; a series with fewer than spc_min_baseline_points (12)
-- months there uses its first 24 months instead. Chart rule (README, _int_trend__models.yml):
-- ratio -> XmR; count with baseline mean >= spc_xmr_min_mean (10) -> XmR; count with mean >=
-- spc_c_chart_min_mean (1) -> c-chart; rarer counts -> none (limits and runs mean nothing there).
-- As at (docs/spc.md): every series is charted as at its latest month (is_latest) and, for the
-- force area, as at each quarter end from its first month to the data's latest month, using only
-- the months up to that quarter end, so a pack for a period shows the SPC reading the board could
-- have seen then and later data never changes it.
{% set baseline_end = month_from_text("'" ~ var('baseline_end') ~ "'") %}
{% set baseline_months = var('spc_baseline_months', 24) %}
{% set min_points = var('spc_min_baseline_points', 12) %}

with

charted as (

    select
        monthly.measure_id,
        monthly.area_code,
        monthly.month_start,
        monthly.value,
        measures.kind
    from {{ ref('fct_measure_monthly') }} as monthly
    inner join {{ ref('dim_measures') }} as measures on monthly.measure_id = measures.measure_id
    -- Streak measures are run lengths, not a process to chart.
    where measures.window_aggregation = 'sum' and monthly.value is not null

),

series_spans as (

    select
        measure_id,
        area_code,
        min(month_start) as first_month,
        max(month_start) as series_end,
        max(max(month_start)) over () as data_end
    from charted
    group by measure_id, area_code

),

as_at_months as (

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

),

series as (

    select
        charted.*,
        as_at_months.as_at_month,
        as_at_months.is_latest,
        row_number() over (
            partition by as_at_months.as_at_month, charted.measure_id, charted.area_code
            order by charted.month_start
        ) as point_index
    from charted
    inner join as_at_months
        on
            charted.measure_id = as_at_months.measure_id
            and charted.area_code = as_at_months.area_code
            and charted.month_start <= as_at_months.as_at_month

),

pre_pandemic as (

    select
        as_at_month,
        measure_id,
        area_code,
        count(*) as points
    from series
    where month_start between {{ add_months(baseline_end, '1 - ' ~ baseline_months) }} and {{ baseline_end }}
    group by as_at_month, measure_id, area_code

),

baseline_points as (

    select
        series.*,
        case
            when coalesce(pre_pandemic.points, 0) >= {{ min_points }} then 'pre_pandemic'
            else 'first_months'
        end as baseline_kind
    from series
    left join pre_pandemic
        on
            series.as_at_month = pre_pandemic.as_at_month
            and series.measure_id = pre_pandemic.measure_id
            and series.area_code = pre_pandemic.area_code
    where
        (
            coalesce(pre_pandemic.points, 0) >= {{ min_points }}
            and series.month_start
            between {{ add_months(baseline_end, '1 - ' ~ baseline_months) }} and {{ baseline_end }}
        )
        or (coalesce(pre_pandemic.points, 0) < {{ min_points }} and series.point_index <= {{ baseline_months }})

),

moving_ranges as (

    select
        *,
        abs(value - lag(value) over (partition by as_at_month, measure_id, area_code order by month_start))
            as moving_range
    from baseline_points

),

baseline as (

    select
        as_at_month,
        measure_id,
        area_code,
        any_value(is_latest) as is_latest,
        any_value(kind) as kind,
        any_value(baseline_kind) as baseline_kind,
        min(month_start) as baseline_start,
        max(month_start) as baseline_end,
        count(*) as baseline_points,
        {{ exact_mean("value") }} as centre,
        {{ exact_mean("moving_range") }} as mean_moving_range
    from moving_ranges
    group by as_at_month, measure_id, area_code

),

typed as (

    select
        *,
        case
            when baseline_points < {{ min_points }} then 'none'
            when kind = 'ratio' then 'xmr'
            when centre >= {{ var('spc_xmr_min_mean', 10) }} then 'xmr'
            when centre >= {{ var('spc_c_chart_min_mean', 1) }} then 'c'
            else 'none'
        end as chart_type
    from baseline

)

select
    measure_id,
    area_code,
    as_at_month,
    is_latest,
    chart_type,
    baseline_kind,
    baseline_start,
    baseline_end,
    cast(baseline_points as integer) as baseline_points,
    centre,
    mean_moving_range,
    -- No measure can be negative, so a lower limit below zero is shown as zero.
    case
        when chart_type = 'xmr' then greatest(0, centre - 2.66 * mean_moving_range)
        when chart_type = 'c' then greatest(0, centre - 3 * sqrt(centre))
    end as lower_limit,
    case
        when chart_type = 'xmr' then centre + 2.66 * mean_moving_range
        when chart_type = 'c' then centre + 3 * sqrt(centre)
    end as upper_limit
from typed
