"""SPC rules, significance intervals and the projection on constructed series (tests/trend/conftest.py).

Every expected number below is worked out by hand from the series' definitions.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

FLAGS = "is_outside_limits, is_run_signal, is_trend_signal"


def test_xmr_limits_from_the_baseline(constructed):
    # Baseline Jan 2018 - Dec 2019 alternates 100, 104: mean 102; |104 - 100| = 4 every month,
    # so the mean moving range is 4 and the limits are 102 -/+ 2.66 x 4 = 91.36 and 112.64.
    rows = constructed.query(
        "select chart_type, baseline_start, baseline_end, centre, lower_limit, upper_limit "
        "from intermediate.int_trend__spc_limits where measure_id = 'flat' and is_latest"
    )
    chart, start, end, centre, lower, upper = rows[0]
    assert (chart, start, end) == ("xmr", date(2018, 1, 1), date(2019, 12, 1))
    assert centre == pytest.approx(102)
    assert lower == pytest.approx(91.36)
    assert upper == pytest.approx(112.64)


def test_c_chart_for_small_counts_and_none_for_rare_ones(constructed):
    # small: mean 4 (under 10 a month) -> c-chart, limits 4 -/+ 3 x sqrt(4) = -2 (shown 0) and 10.
    # rare: mean 0.5 (under 1 a month) -> no chart, no limits.
    rows = dict(
        (r[0], r[1:])
        for r in constructed.query(
            "select measure_id, chart_type, lower_limit, upper_limit "
            "from intermediate.int_trend__spc_limits where measure_id in ('small', 'rare') "
            "and is_latest"
        )
    )
    assert rows["small"] == ("c", pytest.approx(0), pytest.approx(10))
    assert rows["rare"] == ("none", None, None)


def test_a_flat_series_has_no_signal_anywhere(constructed):
    flagged = constructed.query(
        f"select count(*) from marts.fct_spc_monthly where measure_id = 'flat' and ({FLAGS.replace(', ', ' or ')})"
    )
    assert flagged == [(0,)]
    assert constructed.query("select * from marts.fct_spc_signals where measure_id = 'flat'") == []


def test_a_sustained_shift_below_the_centre_line(constructed):
    # 2020 alternates 96, 98: all 12 months below 102 but above 91.36, so a run of 12, and
    # the series' only signal. Lower is better, so it reads as an improvement.
    rows = constructed.query(
        "select signal_type, direction, since_month, points, assessment, reading "
        "from marts.fct_spc_signals where measure_id = 'shift'"
    )
    assert rows == [
        (
            "shift",
            "down",
            date(2020, 1, 1),
            12,
            "improvement",
            "Shift measure: 12 months below the centre line since Jan 2020: "
            "a sustained fall, an improvement",
        )
    ]
    months = constructed.query(
        "select count(*) filter (where is_run_signal), count(*) filter (where is_signal) "
        "from marts.fct_spc_monthly where measure_id = 'shift'"
    )
    assert months == [(12, 12)]


def test_a_point_outside_the_limits(constructed):
    # December 2020 at 130 > 112.64 (XmR); small at 11 > 10 (c-chart). Lower is better: worse.
    rows = constructed.query(
        "select measure_id, signal_type, direction, since_month, points, assessment "
        "from marts.fct_spc_signals where measure_id in ('spike', 'small', 'rare') "
        "order by measure_id"
    )
    assert rows == [
        ("small", "outside_limits", "up", date(2020, 12, 1), 1, "deterioration"),
        ("spike", "outside_limits", "up", date(2020, 12, 1), 1, "deterioration"),
    ]


def test_a_trend_of_seven_rising_points(constructed):
    # June-December 2020: 98, 99, ..., 104: 7 points, 6 rises (the rule needs 6 points = 5
    # rises). The point on the centre line (102) breaks any run; higher is better.
    rows = constructed.query(
        "select signal_type, direction, since_month, points, assessment "
        "from marts.fct_spc_signals where measure_id = 'trend'"
    )
    assert rows == [("trend", "up", date(2020, 6, 1), 7, "improvement")]
    flagged = constructed.query(
        "select month_start from marts.fct_spc_monthly "
        "where measure_id = 'trend' and is_trend_signal order by month_start"
    )
    assert [r[0] for r in flagged] == [date(2020, m, 1) for m in range(6, 13)]


Z = 1.959964


def _hand_interval(a: float, b: float) -> tuple[float, float]:
    """(lower, upper) % change from exp(ln(a/b) -/+ z sqrt(1/a + 1/b))."""
    centre, se = math.log(a / b), math.sqrt(1 / a + 1 / b)
    return (math.exp(centre - Z * se) - 1) * 100, (math.exp(centre + Z * se) - 1) * 100


def test_poisson_interval_of_the_change_matches_hand_values(constructed):
    rows = {
        r[0]: r[1:]
        for r in constructed.query(
            "select measure_id, pct_change, pct_change_lower, pct_change_upper, is_significant, "
            "pct_change_vs_baseline_lower, pct_change_vs_baseline_upper, "
            "is_significant_vs_baseline from marts.fct_measure_change_significance"
        )
    }
    # 120 vs 100: ln 1.2 = 0.18232, se = sqrt(1/120 + 1/100) = 0.13540, z x se = 0.26538:
    # exp(-0.08306) = 0.9203 and exp(0.44770) = 1.5647, i.e. -7.97% to +56.47%: includes 0.
    pct, lower, upper, significant, b_lower, b_upper, b_significant = rows["flat"]
    assert pct == pytest.approx(20)
    assert (lower, upper) == (pytest.approx(-7.97, abs=0.01), pytest.approx(56.47, abs=0.01))
    assert significant is False
    # Against the baseline, 120 vs 150: ln 0.8 = -0.22314, se = sqrt(1/120 + 1/150) = 0.12247,
    # z x se = 0.24004: exp(-0.46318) = 0.6293, exp(0.01690) = 1.0170: -37.07% to +1.70%.
    assert (b_lower, b_upper) == (pytest.approx(-37.07, abs=0.01), pytest.approx(1.70, abs=0.01))
    assert b_significant is False
    # 150 vs 100: ln 1.5 = 0.40547, se = 0.12910, z x se = 0.25303: exp(0.15243) = 1.1647:
    # +16.47% to +93.19%, excludes 0.
    _, lower, upper, significant, *_ = rows["shift"]
    assert (lower, upper) == (pytest.approx(16.47, abs=0.01), pytest.approx(93.19, abs=0.01))
    assert significant is True
    # 0 vs 10: 0.5 added to both, ln(0.5 / 10.5) = -3.04452, se = sqrt(2 + 1/10.5) = 1.44749,
    # z x se = 2.83703: upper exp(-0.20749) = 0.8126, i.e. -18.74%: significant. A count of 0
    # takes the lower end to -100% (the exact lower limit of a ratio with a zero count), so the
    # interval holds the change itself (-100%).
    pct, lower, upper, significant, *_ = rows["spike"]
    assert upper == pytest.approx(-18.74, abs=0.01)
    assert significant is True
    assert upper == pytest.approx(_hand_interval(0.5, 10.5)[1])
    assert lower == -100.0 and pct == -100.0
    # 0 vs 3: ln(0.5 / 3.5) = -1.94591, se = sqrt(2 + 1/3.5) = 1.51186, z x se = 2.96319:
    # upper exp(1.01728) = 2.766: +176.6%: not significant.
    _, _, upper, significant, *_ = rows["trend"]
    assert upper == pytest.approx(176.6, abs=0.1)
    assert significant is False
    # 0 vs 0: no change, not significant; no previous year: unknown.
    assert rows["small"][3] is False
    assert rows["rare"][3] is None


def test_seasonal_naive_projection_and_its_interval(constructed):
    # shift: the projection for January 2021 is January 2020 (96). Errors y(t) - y(t-12) over
    # the last 36 months that have a year before (Jan 2019 - Dec 2020): 2019 all 0; 2020
    # alternates 96 - 100 = -4 and 98 - 104 = -6. RMS = sqrt((6 x 16 + 6 x 36) / 24) = sqrt(13).
    rows = constructed.query(
        "select month_start, horizon, basis_month, projected_value, error_sd, error_months, "
        "lower_95, upper_95 from marts.fct_measure_projection where measure_id = 'shift' "
        "order by month_start"
    )
    assert len(rows) == 12
    first = rows[0]
    assert first[:4] == (date(2021, 1, 1), 1, date(2020, 1, 1), 96)
    assert first[4] == pytest.approx(math.sqrt(13))
    assert first[5] == 24
    assert (first[6], first[7]) == (
        pytest.approx(96 - 1.959964 * math.sqrt(13)),
        pytest.approx(96 + 1.959964 * math.sqrt(13)),
    )
    assert [r[3] for r in rows] == [96, 98] * 6


def test_a_reading_as_at_a_quarter_end_uses_only_the_months_up_to_it(constructed):
    # shift: 2020 alternates 96, 98 below the centre line 102. As at June 2020 that is a run of
    # 6 (no signal: a shift needs 8); as at September a run of 9 from January; as at December
    # (the latest month) 12. spike: its 130 comes in December 2020, so as at September 2020
    # nothing is outside the limits and the variation is common cause.
    signals = constructed.query(
        "select as_at_month, measure_id, signal_type, since_month, points "
        "from marts.fct_spc_signals_as_at where measure_id in ('shift', 'spike') "
        "and as_at_month >= date '2020-06-01' order by all"
    )
    assert signals == [
        (date(2020, 9, 1), "shift", "shift", date(2020, 1, 1), 9),
        (date(2020, 12, 1), "shift", "shift", date(2020, 1, 1), 12),
        (date(2020, 12, 1), "spike", "outside_limits", date(2020, 12, 1), 1),
    ]
    readings = dict(
        constructed.query(
            "select measure_id || ' ' || strftime(as_at_month, '%Y-%m'), variation "
            "from marts.fct_spc_summary_as_at where measure_id = 'spike' "
            "and as_at_month in (date '2020-09-01', date '2020-12-01')"
        )
    )
    assert readings == {"spike 2020-09": "common_cause", "spike 2020-12": "special_cause_concern"}
    # The latest marts are the as-at rows of each series' latest month.
    latest = constructed.query(
        "select measure_id, signal_type, points from marts.fct_spc_signals "
        "where measure_id in ('shift', 'spike') order by all"
    )
    assert latest == [("shift", "shift", 12), ("spike", "outside_limits", 1)]
