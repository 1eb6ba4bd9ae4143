{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series('(' ~ spc_as_at_months() ~ ')') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Centre line and control limits of each measure x area from its baseline months.
-- Baseline: the spc_baseline_months (24) months ending var baseline_end (Dec 2019), pre-pandemic
-- and aligned with the national baseline; a series with fewer than spc_min_baseline_points (12)
-- months there uses its first 24 months instead. Chart rule (README, _int_trend__models.yml):
-- ratio -> XmR; count with baseline mean >= spc_xmr_min_mean (10) -> XmR; count with mean >=
-- spc_c_chart_min_mean (1) -> c-chart; rarer counts -> none (limits and runs mean nothing there).
-- As at (docs/spc.md): every series is charted as at its latest month (is_latest) and, for the
-- force area, as at each quarter end from its first month to the data's latest month, using only
-- the months up to that quarter end, so a pack for a period shows the SPC reading the board could
-- have seen then and later data never changes it. Incremental by as-at series
-- (macros/incremental.sql): a refresh builds only the series a changed month reaches, and new ones.
{% set baseline_end = month_from_text("'" ~ var('baseline_end') ~ "'") %}
{% set baseline_months = var('spc_baseline_months', 24) %}
{% set min_points = var('spc_min_baseline_points', 12) %}

with

charted as (

    {{ spc_charted_months() }}

),

-- The series to build: in an incremental build those a changed month reaches or that are new.
as_at_months as (

    select * from ({{ spc_as_at_months('charted') }}) as charted_series
    where {{ as_at_series_to_build('charted_series') }}

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
