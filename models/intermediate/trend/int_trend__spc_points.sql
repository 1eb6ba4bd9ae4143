{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series(ref('int_trend__spc_phases')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Every charted point with its side of its phase's centre line, its zone against the phase's
-- limits, its step from the previous point and the three SPC signals. Points are judged on
-- chart_value (seasonally adjusted where the measure is seasonal) against the limits of the
-- process phase they belong to (int_trend__spc_phases: re-based after a confirmed shift); runs and
-- trends do not cross a re-base, and provisional points (immature outcomes) take no part in any
-- rule. Runs and trends are gaps-and-islands: consecutive points with the same side (or zone, or
-- step) share island id point_index - row_number() within it.
-- Rules (Western Electric 1956; Nelson 1984; NHS Making Data Count): a point outside the limits;
-- a run of spc_run_points (8) or more on one side of the centre line; a trend of spc_trend_points
-- (6) or more points each higher (or each lower) than the one before, i.e. 5 consecutive rises.
-- Every series is judged separately as at each of its as_at_months (int_trend__spc_limits); the
-- as-at key is matched null-safe, so a series given without one (a unit test) reads as one.
-- Incremental by as-at series (macros/incremental.sql): a refresh builds only the series a
-- changed month reaches, and new ones.
{% set run_points = var('spc_run_points', 8) %}
{% set trend_points = var('spc_trend_points', 6) %}
with

points as (

    select
        *,
        lag(chart_value) over (
            partition by as_at_month, measure_id, area_code, phase order by month_start
        ) as previous_value
    from {{ ref('int_trend__spc_phases') }} as phases
    where {{ as_at_series_to_build('phases') }}

),

classified as (

    select
        *,
        -- A point exactly on the centre line belongs to neither side and so breaks a run.
        case
            when chart_type = 'none' or is_provisional then 'none'
            when chart_value > centre then 'above'
            when chart_value < centre then 'below'
            else 'on'
        end as side,
        case
            when chart_type = 'none' or is_provisional then 'none'
            when chart_value > upper_limit then 'above'
            when chart_value < lower_limit then 'below'
            else 'inside'
        end as limit_zone,
        -- An unchanged value is neither a rise nor a fall, so it breaks a trend.
        case
            when previous_value is null or is_provisional then 'none'
            when chart_value > previous_value then 'up'
            when chart_value < previous_value then 'down'
            else 'flat'
        end as step
    from points

),

islands as (

    select
        *,
        point_index - row_number() over (
            partition by as_at_month, measure_id, area_code, phase, side order by point_index
        ) as side_island,
        point_index - row_number() over (
            partition by as_at_month, measure_id, area_code, phase, limit_zone order by point_index
        ) as limit_zone_island,
        point_index - row_number() over (
            partition by as_at_month, measure_id, area_code, phase, step order by point_index
        ) as step_island
    from classified

),

side_runs as (

    select
        as_at_month,
        measure_id,
        area_code,
        phase,
        side,
        side_island,
        min(month_start) as run_start,
        count(*) as run_length
    from islands
    where side in ('above', 'below')
    group by as_at_month, measure_id, area_code, phase, side, side_island

),

zone_runs as (

    select
        as_at_month,
        measure_id,
        area_code,
        phase,
        limit_zone,
        limit_zone_island,
        min(month_start) as outside_start,
        count(*) as outside_length
    from islands
    where limit_zone in ('above', 'below')
    group by as_at_month, measure_id, area_code, phase, limit_zone, limit_zone_island

),

-- A trend of k steps covers k + 1 points: the point before its first step and each step's point.
step_runs as (

    select
        as_at_month,
        measure_id,
        area_code,
        step as direction,
        min(point_index) - 1 as first_point,
        max(point_index) as last_point,
        count(*) + 1 as trend_length
    from islands
    where step in ('up', 'down')
    group by as_at_month, measure_id, area_code, phase, step, step_island
    having count(*) + 1 >= {{ trend_points }}

),

point_trends as (

    -- A point can end a rising trend and start a falling one: the later trend wins.
    select
        points.as_at_month,
        points.measure_id,
        points.area_code,
        points.point_index,
        arg_max(step_runs.direction, step_runs.first_point) as trend_direction,
        arg_max(step_runs.trend_length, step_runs.first_point) as trend_length,
        arg_max(step_runs.first_point, step_runs.first_point) as trend_first_point
    from islands as points
    inner join step_runs
        on
            points.as_at_month is not distinct from step_runs.as_at_month
            and points.measure_id = step_runs.measure_id
            and points.area_code = step_runs.area_code
            and points.point_index between step_runs.first_point and step_runs.last_point
    where points.chart_type != 'none'
    group by points.as_at_month, points.measure_id, points.area_code, points.point_index

)

select
    points.measure_id,
    points.area_code,
    points.as_at_month,
    points.is_latest,
    points.month_start,
    points.value,
    points.chart_type,
    points.baseline_start,
    points.baseline_end,
    points.centre,
    points.lower_limit,
    points.upper_limit,
    points.point_index,
    points.seasonal_index,
    points.chart_value,
    points.is_provisional,
    points.phase,
    points.phase_start,
    points.is_rebase_month,
    points.rebase_reason,
    points.side,
    cast(coalesce(side_runs.run_length, 0) as integer) as run_length,
    side_runs.run_start,
    coalesce(side_runs.run_length >= {{ run_points }}, false) as is_run_signal,
    case when points.limit_zone in ('above', 'below') then points.limit_zone end as outside_side,
    zone_runs.outside_start,
    cast(coalesce(zone_runs.outside_length, 0) as integer) as outside_length,
    points.limit_zone in ('above', 'below') as is_outside_limits,
    point_trends.trend_direction,
    cast(point_trends.trend_length as integer) as trend_length,
    firsts.month_start as trend_start,
    point_trends.trend_direction is not null as is_trend_signal,
    (
        points.limit_zone in ('above', 'below')
        or coalesce(side_runs.run_length >= {{ run_points }}, false)
        or point_trends.trend_direction is not null
    ) as is_signal
from islands as points
left join side_runs
    on
        points.as_at_month is not distinct from side_runs.as_at_month
        and points.measure_id = side_runs.measure_id
        and points.area_code = side_runs.area_code
        and points.phase = side_runs.phase
        and points.side = side_runs.side
        and points.side_island = side_runs.side_island
left join zone_runs
    on
        points.as_at_month is not distinct from zone_runs.as_at_month
        and points.measure_id = zone_runs.measure_id
        and points.area_code = zone_runs.area_code
        and points.phase = zone_runs.phase
        and points.limit_zone = zone_runs.limit_zone
        and points.limit_zone_island = zone_runs.limit_zone_island
left join point_trends
    on
        points.as_at_month is not distinct from point_trends.as_at_month
        and points.measure_id = point_trends.measure_id
        and points.area_code = point_trends.area_code
        and points.point_index = point_trends.point_index
left join points as firsts
    on
        point_trends.as_at_month is not distinct from firsts.as_at_month
        and point_trends.measure_id = firsts.measure_id
        and point_trends.area_code = firsts.area_code
        and point_trends.trend_first_point = firsts.point_index
