"""The "Trends and targets" page and the overview tiles' significance, against the trend marts."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from pcc.paths import PROJECT_ROOT
from pcc.present.trend_text import number_text, status_text
from pcc.read.warehouse import connect_published

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")
KENT = "E23000032"


def open_trends() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/trends.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def query(sql: str, params: list | None = None) -> list[tuple]:
    with connect_published() as con:
        return con.execute(sql, params or []).fetchall()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def signal_table_readings(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Reading"])


@pytest.mark.slow
def test_default_page_shows_the_first_measure_and_every_kent_signal(published):
    at = open_trends()
    measure_id = at.selectbox(key="trends_measure").value
    assert at.selectbox(key="trends_area").value == "Kent"
    # The page opens on the first measure (display order) with a live signal for Kent.
    ((first_signalled,),) = query(
        """
        select signals.measure_id from marts.fct_spc_signals as signals
        inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
        where signals.area_code = ? order by measures.display_order limit 1
        """,
        [KENT],
    )
    assert measure_id == first_signalled
    # The caption reads the current process: the latest month's centre and limits.
    ((chart, centre, lower, upper),) = query(
        """
        select chart_type, centre, lower_limit, upper_limit from marts.fct_spc_monthly
        where measure_id = ? and area_code = ?
        order by month_start desc limit 1
        """,
        [measure_id, KENT],
    )
    (unit,) = query("select unit from marts.dim_measures where measure_id = ?", [measure_id])[0]
    caption = " ".join(c.value for c in at.caption)
    if chart != "none":
        assert f"{number_text(centre, unit)} and control limits" in caption
        assert f"{number_text(lower, unit)} to {number_text(upper, unit)}" in caption
    readings = [
        r[0]
        for r in query(
            """
            select signals.reading from marts.fct_spc_signals as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ?
            order by measures.display_order, signals.signal_type
            """,
            [KENT],
        )
    ]
    assert signal_table_readings(at) == readings


@pytest.mark.slow
def test_the_101_page_counts_flagged_months_and_prints_every_live_reading(published):
    at = open_trends()
    at.selectbox(key="trends_measure").set_value("calls_101_answered_pct").run()
    assert not at.exception, [e.value for e in at.exception]
    outside, run, trend = query(
        """
        select count(*) filter (where is_outside_limits), count(*) filter (where is_run_signal),
            count(*) filter (where is_trend_signal)
        from marts.fct_spc_monthly where measure_id = 'calls_101_answered_pct' and area_code = ?
        """,
        [KENT],
    )[0]
    shown = metrics(at)
    assert shown["Months flagged: outside the limits"] == f"{outside:,}"
    assert shown["Months flagged: run of 8+"] == f"{run:,}"
    assert shown["Months flagged: trend of 6+"] == f"{trend:,}"
    readings = query(
        "select reading from marts.fct_spc_signals "
        "where measure_id = 'calls_101_answered_pct' and area_code = ?",
        [KENT],
    )
    bold = {m.value for m in at.markdown}
    for (reading,) in readings:
        assert f"**{reading}**" in bold


@pytest.mark.slow
def test_a_district_shows_its_own_signals_and_projection(published):
    at = open_trends()
    at.selectbox(key="trends_measure").set_value("vehicle_offences").run()
    at.selectbox(key="trends_area").set_value("Medway").run()
    assert not at.exception, [e.value for e in at.exception]
    (code,) = query("select area_code from marts.dim_areas where area_name = 'Medway'")[0]
    readings = [
        r[0]
        for r in query(
            """
            select signals.reading from marts.fct_spc_signals as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ?
            order by measures.display_order, signals.signal_type
            """,
            [code],
        )
    ]
    if readings:
        assert signal_table_readings(at) == readings
    projected = query(
        """
        select month_start, projected_value, lower_95, upper_95 from marts.fct_measure_projection
        where measure_id = 'vehicle_offences' and area_code = ? order by month_start
        """,
        [code],
    )
    table = at.dataframe[-1].value
    assert list(table["Projected"]) == [number_text(r[1], "offences") for r in projected]
    assert list(table["95% interval"]) == [
        f"{number_text(r[2], 'offences')} – {number_text(r[3], 'offences')}" for r in projected
    ]


@pytest.mark.slow
def test_targets_show_the_latest_actual_and_status(published):
    at = open_trends()
    latest = query(
        """
        select measure_name, period_end, actual_value, status from marts.fct_target_trajectory
        where is_latest_actual order by target_id
        """
    )
    assert len(latest) == 2
    statuses = [m.value for m in at.markdown if m.value.startswith("Status")]
    assert statuses == [f"Status  \n**{status_text(r[3]).capitalize()}**" for r in latest]
    actuals = [m.value for m in at.metric if m.label == f"12 months to {latest[0][1]:%b %Y}"]
    assert actuals == [number_text(r[2], "offences") for r in latest]


@pytest.mark.slow
def test_overview_says_no_significant_change_within_noise(published):
    """A tile calls a change better or worse only where the board's test found it significant."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    period_end = at.selectbox(key="overview_period").value
    rows = query(
        """
        select b.measure_id, b.significance_vs_previous, b.verdict_vs_previous
        from marts.fct_measure_board as b
        inner join marts.dim_measures as m on b.measure_id = m.measure_id
        where b.area_code = ? and b.window_months = 12 and b.period_end = ?
            and b.is_default_baseline and m.is_headline
        """,
        [KENT, period_end],
    )
    shown = "\n".join(m.value for m in at.markdown)
    assert any(significance == "not significant" for _, significance, _ in rows)
    assert any(significance == "significant" for _, significance, _ in rows)
    for measure_id, significance, verdict in rows:
        tile = shown.split(f'data-measure="{measure_id}"', 1)[1].split("pcc-tile", 1)[0]
        last_year = re.split(r"vs last year", tile)[0]
        assert f"<b>{verdict or 'no comparison'}</b>" in last_year, measure_id
        if significance != "significant":
            assert "better" not in last_year and "worse" not in last_year


@pytest.mark.slow
def test_each_measure_shows_its_making_data_count_reading(published):
    from pcc.present import format as fmt

    at = open_trends()
    rows = query(
        """
        select summary.measure_name, summary.variation, summary.direction, summary.assurance
        from marts.fct_spc_summary as summary
        inner join marts.dim_measures as measures on summary.measure_id = measures.measure_id
        where summary.area_code = ? order by measures.display_order
        """,
        [KENT],
    )
    assert rows
    table = next(d.value for d in at.dataframe if "Variation" in d.value.columns)
    assert list(table["Measure"]) == [r[0] for r in rows]
    for (_, variation, direction, assurance), shown, assured in zip(
        rows, table["Variation"], table["Assurance"], strict=True
    ):
        letter = fmt.spc_variation_icon(variation, direction)[0]
        assert shown == f"{letter} {fmt.spc_variation(variation, direction)}"
        assert assured == fmt.spc_assurance(assurance)
    words = " ".join(m.value for m in at.markdown)
    assert "variation" in words.lower()
