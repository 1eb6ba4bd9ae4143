-- The SPC chart of every charted measure x area x month with its signal flags
-- (int_trend__spc_points holds the rules).
select
    measure_id,
    area_code,
    month_start,
    value,
    chart_type,
    baseline_start,
    baseline_end,
    centre,
    lower_limit,
    upper_limit,
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
    is_signal
from {{ ref('int_trend__spc_points') }}
