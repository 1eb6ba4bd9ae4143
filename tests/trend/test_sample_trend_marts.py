"""The trend marts on the synthetic sample (the shared `sample_warehouse` refresh).

The sample's 101 line collapsed in 2022/23 (two thirds answered, October 2022 the worst) and
recovered in 2023/24 (sample/calls.py); firearms offences drift gently with no seasonality
and no lockdown shape of note (sample/flags.py).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

KENT = "E23000032"


@pytest.fixture(scope="module")
def query(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    yield lambda sql, params=None: con.execute(sql, params or []).fetchall()
    con.close()


def test_the_101_collapse_is_one_spell_below_the_lower_limit(query):
    # October 2022, the worst month, sits in one unbroken spell below the lower limit that began
    # in the 2021/22 decline and ended with the 2023 recovery.
    ((side, start, length),) = query(
        """
        select outside_side, outside_start, outside_length from marts.fct_spc_monthly
        where measure_id = 'calls_101_answered_pct' and area_code = ?
            and month_start = date '2022-10-01'
        """,
        [KENT],
    )
    assert side == "below"
    assert date(2021, 1, 1) <= start <= date(2022, 4, 1)
    end_index = start.year * 12 + start.month - 1 + length - 1
    assert date(2023, 1, 1) <= date(end_index // 12, end_index % 12 + 1, 1) <= date(2023, 12, 1)


def test_the_101_recovery_is_re_based_as_a_new_process_not_a_signal_for_ever(query):
    """The 101 answer rate's recovery since 2023 is a sustained shift upwards: the chart is
    re-based once it is confirmed (a new process with its own limits, the reason recorded), so
    the board reads the latest month against the new process, not as an endless signal."""
    rebases = query(
        """
        select month_start, rebase_reason from marts.fct_spc_monthly
        where measure_id = 'calls_101_answered_pct' and area_code = ? and is_rebase_month
        order by month_start
        """,
        [KENT],
    )
    recovery = [r for r in rebases if date(2023, 1, 1) <= r[0] <= date(2024, 12, 1)]
    assert recovery, rebases
    assert any("above the centre line" in reason for _, reason in recovery)
    latest = query(
        """
        select variation from marts.fct_spc_summary
        where measure_id = 'calls_101_answered_pct' and area_code = ?
        """,
        [KENT],
    )
    assert latest == [("common_cause",)]


def test_a_near_flat_series_has_no_signal(query):
    assert (
        query(
            "select * from marts.fct_spc_signals where measure_id = 'firearms_offences' and area_code = ?",
            [KENT],
        )
        == []
    )
    assert query(
        """
        select count(*) from marts.fct_spc_monthly
        where measure_id = 'firearms_offences' and area_code = ? and is_signal
        """,
        [KENT],
    ) == [(0,)]


def test_signal_words_follow_polarity(query):
    rows = query(
        """
        select measures.polarity, signals.direction, signals.assessment, signals.reading
        from marts.fct_spc_signals as signals
        inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
        """
    )
    assert rows
    for polarity, direction, assessment, reading in rows:
        if polarity == "context_only":
            assert assessment == "neutral"
            assert "improvement" not in reading and "deterioration" not in reading
        else:
            better = (direction == "down") == (polarity == "lower_is_better")
            assert assessment == ("improvement" if better else "deterioration"), reading
            assert reading.endswith(f", an {assessment}" if better else f", a {assessment}")


def test_pledge_trajectories_start_at_the_actual_and_halve_in_ten_years(query):
    rows = query(
        """
        select trajectory.target_id, trajectory.months_elapsed, trajectory.path_value,
            trajectory.actual_value, windows.numerator, trajectory.status,
            trajectory.is_latest_actual
        from marts.fct_target_trajectory as trajectory
        left join marts.fct_measure_windows as windows
            on trajectory.measure_id = windows.measure_id
            and trajectory.area_code = windows.area_code
            and windows.window_months = 12 and trajectory.period_end = windows.period_end
        order by trajectory.target_id, trajectory.months_elapsed
        """
    )
    for target in ("halve_knife_crime", "halve_vawg"):
        path = [r for r in rows if r[0] == target]
        assert len(path) == 121  # June 2024 to June 2034
        start = path[0]
        assert start[2] == start[3] == start[4]  # the path starts at the actual 12 months
        assert path[-1][2] == pytest.approx(start[3] / 2)
        # Constant rate: each month is the same fraction of the one before.
        ratio = 0.5 ** (1 / 120)
        assert path[60][2] == pytest.approx(start[3] * ratio**60)
        latest = [r for r in path if r[6]]
        assert len(latest) == 1
        assert latest[0][3] == latest[0][4]  # the actual is the rolling year of the windows mart
        assert latest[0][5] in ("on_track", "close_to_path", "off_track")
