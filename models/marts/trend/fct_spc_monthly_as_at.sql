{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series(ref('int_trend__spc_points')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- The SPC chart of every charted measure x area x month with its signal flags, as at each
-- as_at_month (int_trend__spc_limits: the series' latest month, and each quarter end for the
-- force), from the months up to it only (int_trend__spc_phases holds the phases and re-bases,
-- int_trend__spc_points the signal rules). fct_spc_monthly is the latest chart.
-- Incremental by as-at series (macros/incremental.sql): a refresh builds only the series a
-- changed month reaches, and new ones.
select
    measure_id,
    area_code,
    as_at_month,
    is_latest,
    month_start,
    value,
    chart_type,
    baseline_start,
    baseline_end,
    -- The centre line and limits in the value's own scale: for a seasonally adjusted measure the
    -- phase's line x the calendar month's index (limits per season), so value can be drawn
    -- against them; value against these is the same test as chart_value against chart_centre.
    centre * seasonal_index as centre,
    lower_limit * seasonal_index as lower_limit,
    upper_limit * seasonal_index as upper_limit,
    side,
    run_length,
    run_start,
    is_run_signal,
    outside_side,
    outside_start,
    outside_length,
    is_outside_limits,
    trend_direction,
    trend_length,
    trend_start,
    is_trend_signal,
    is_signal,
    seasonal_index,
    chart_value,
    centre as chart_centre,
    lower_limit as chart_lower_limit,
    upper_limit as chart_upper_limit,
    is_provisional,
    phase,
    phase_start,
    is_rebase_month,
    rebase_reason
from {{ ref('int_trend__spc_points') }} as points
where {{ as_at_series_to_build('points') }}
