"""Every explorer page opens without error and shows the marts' numbers."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from pcc.paths import PROJECT_ROOT
from pcc.present import format as fmt
from pcc.present.numbers import round_half_up
from pcc.read.board import BoardRow, read_board, resolve_area
from pcc.read.warehouse import connect_published
from tests.app.conftest import open_page

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")

PAGES = ["overview", "national", "crime", "contact", "s136", "victims", "quality", "definitions"]


def board_rows(area: str, window: int, period_end: date) -> list[BoardRow]:
    """The board rows (marts.fct_measure_board) of an area and window at the build's baseline."""
    with connect_published() as con:
        return read_board(con, resolve_area(con, area).code, window, period_end)


def headline_ids() -> set[str]:
    with connect_published() as con:
        rows = con.execute("select measure_id from marts.dim_measures where is_headline")
        return {r[0] for r in rows.fetchall()}


def tile_of(at: AppTest, measure_id: str) -> str:
    shown = "\n".join(m.value for m in at.markdown)
    assert f'data-measure="{measure_id}"' in shown, measure_id
    return shown.split(f'data-measure="{measure_id}"', 1)[1].split("pcc-tile", 1)[0]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens(published, page):
    at = open_page(page)
    assert at.title, "page has no title"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("window_label", "window"), [("Rolling year (12 months)", 12), ("Quarter (3 months)", 3)]
)
def test_overview_tiles_equal_the_board(published, window_label, window):
    at = open_page("overview")
    at.radio(key="overview_window").set_value(window_label).run()
    options = at.selectbox(key="overview_period").options
    at.selectbox(key="overview_period").select_index(min(5, len(options) - 1)).run()
    assert not at.exception
    period_end = at.selectbox(key="overview_period").value
    tiles = [r for r in board_rows("Kent", window, period_end) if r.measure_id in headline_ids()]
    assert tiles
    for r in tiles:
        tile = tile_of(at, r.measure_id)
        value = fmt.measure_value(r.value_rounded, r.unit, r.value_decimals)
        assert f'class="pcc-value" style="font-size:1.7rem;font-weight:600;">{value}<' in tile
        last_year, baseline = tile.split("vs last year", 1)
        assert f"<b>{fmt.verdict(r.verdict_vs_previous)}</b>" in last_year
        assert f"<b>{fmt.verdict(r.verdict_vs_baseline)}</b>" in baseline
        change = fmt.measure_value(r.change_rounded, r.unit, r.value_decimals, signed=True)
        assert change in last_year


@pytest.mark.slow
def test_crime_explorer_total_equals_sql_sum(published):
    at = open_page("crime")
    at.selectbox(key="crime_level").set_value("Offence subgroup").run()
    at.multiselect(key="crime_offences").set_value(["Rape offences"]).run()
    at.selectbox(key="crime_flag").set_value("Domestic abuse").run()
    at.multiselect(key="crime_districts").set_value(["Ashford"]).run()
    assert not at.exception, [e.value for e in at.exception]
    end: date = at.selectbox(key="crime_period").value
    start = board_rows("Kent", 12, end)[0].period_start
    con = duckdb.connect(str(published / "warehouse.duckdb"), read_only=True)
    expected, solved = con.execute(
        """
        select coalesce(sum(f.crimes), 0), coalesce(sum(f.solved_crimes), 0)
        from marts.fct_crime_monthly f
        join marts.dim_areas a on a.area_code = f.district_code
        where f.offence_subgroup = 'Rape offences' and f.is_domestic_abuse
          and a.area_name = 'Ashford' and f.month_start between ? and ?
        """,
        [start, end],
    ).fetchone()
    con.close()
    # Recorded crime counts are not about people: published unsuppressed, as police.uk does.
    assert at.metric[0].value == f"{expected:,}"
    # The free selection's solved rate is rounded half-up exactly, by the warehouse's macro.
    assert at.metric[2].value == fmt.measure_value(
        round_half_up(solved * 100, expected, 1), "percent", 1
    )


@pytest.mark.slow
def test_all_crime_total_for_kent(published):
    at = open_page("crime")
    end = at.selectbox(key="crime_period").value
    start = board_rows("Kent", 12, end)[0].period_start
    con = duckdb.connect(str(published / "warehouse.duckdb"), read_only=True)
    (expected,) = con.execute(
        "select sum(crimes) from marts.fct_crime_monthly where month_start between ? and ?",
        [start, end],
    ).fetchone()
    con.close()
    assert at.metric[0].value == f"{expected:,}"


def test_no_warehouse_shows_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("pcc refresh" in i.value for i in at.info)


@pytest.mark.slow
def test_national_trends_draw_every_national_measure(published):
    """One small-multiples chart holds a panel per national measure, with the marts' values."""
    at = open_page("national")
    (chart,) = at.get("vega_lite_chart")
    (dataset,) = chart.proto.datasets  # Streamlit ships the chart's data as Arrow
    frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    period_end = at.selectbox(key="national_period").value
    expected = {
        r.measure_name + (" (%)" if r.unit == "percent" else ""): r.value_rounded
        for r in board_rows("Kent", 12, period_end)
        if r.framework == "National Crime and Policing Measures"
    }
    latest = frame[
        (frame["series"] == "Rolling 12 months")
        & (frame["period_end"].astype(str).str[:7] == f"{period_end:%Y-%m}")
    ]
    drawn = dict(zip(latest["panel"], latest["value"], strict=True))
    assert drawn.keys() == expected.keys()
    for panel, value in expected.items():
        assert drawn[panel] == pytest.approx(float(value)), panel


@pytest.mark.slow
@pytest.mark.parametrize(
    ("column", "heading"),
    [
        ("first_place_of_safety", "First place of safety"),
        ("conveyance", "Conveyance"),
        ("age_band", "Age band"),
        ("sex", "Sex"),
        ("ethnicity_group", "Ethnicity"),
        ("is_repeat_detention", "Repeat detention"),
    ],
)
def test_s136_breakdown_equals_the_monthly_mart_as_published(published, column, heading):
    """Each breakdown's counts equal an independent sum of fct_s136_monthly, as numbers; a count
    of 1-4 is always withheld (an empty cell), and no breakdown has exactly one withheld cell (it could be recovered from the
    total by subtraction)."""
    at = open_page("s136")
    at.selectbox(key="s136_area").set_value("Ashford").run()
    assert not at.exception, [e.value for e in at.exception]
    end: date = at.selectbox(key="s136_period").value
    (row,) = [r for r in board_rows("Ashford", 12, end) if r.measure_id == "s136_detentions"]
    with connect_published() as con:
        expected = dict(
            con.execute(
                f"""
                select cast(f.{column} as varchar), sum(f.detentions)::bigint
                from marts.fct_s136_monthly f
                join marts.dim_areas a on a.area_code = f.district_code
                where a.area_name = 'Ashford' and f.month_start between ? and ?
                group by 1
                """,
                [row.period_start, end],
            ).fetchall()
        )
        labels = dict(
            con.execute(
                "select category, category_label from marts.fct_s136_breakdowns "
                "where dimension = ? group by all",
                [column],
            ).fetchall()
        )
    (table,) = [d.value for d in at.dataframe if heading in d.value.columns]
    shown = dict(zip(table[heading], table["Detentions"], strict=True))
    withheld = [label for label, value in shown.items() if pd.isna(value)]
    assert len(withheld) != 1
    for category, count in expected.items():
        value = shown[labels[category]]
        if 1 <= count <= 4:
            assert pd.isna(value), (category, count)  # withheld: an empty number cell
        elif not pd.isna(value):
            assert value == count, (category, count)
    # The total is the board's, withheld as the board says; it equals the breakdown's sum.
    assert row.numerator == sum(expected.values())
    total = fmt.withheld(fmt.number(row.value_rounded), row.value_suppressed)
    assert f"Breakdowns: {total} detentions" in at.subheader[0].value


@pytest.mark.slow
def test_contact_metrics_are_the_boards_call_measures(published):
    at = open_page("contact")
    period_end = at.selectbox(key="contact_period").value
    board = {r.measure_id: r for r in board_rows("Kent", 12, period_end)}
    shown = [(m.label, m.value) for m in at.metric]
    expected = [
        board[m]
        for m in (
            "calls_999_within_10s_pct",
            "calls_999_avg_answer_seconds",
            "calls_999_abandoned_pct",
            "calls_999_months_meeting_standard",
            "calls_101_answered_pct",
            "calls_101_avg_answer_seconds",
            "calls_101_abandoned_pct",
        )
    ]
    values = [fmt.measure_value(r.value_rounded, r.unit, r.value_decimals) for r in expected]
    assert [v for _, v in shown[:4] + shown[4:7]] == values
    assert shown[7][1] == fmt.number(board["calls_101_answered_pct"].denominator)


@pytest.mark.slow
def test_victims_satisfaction_table_is_the_boards(published):
    at = open_page("victims")
    period_end = at.selectbox(key="victims_period").value
    rows = [r for r in board_rows("Kent", 12, period_end) if r.unit == "percent"]
    rows = [r for r in rows if r.measure_id.startswith("satisfaction_")]
    (table,) = [d.value for d in at.dataframe if "Satisfied" in d.value.columns]
    assert list(table["Measure"]) == [r.measure_name for r in rows]
    # Numbers (right-aligned, sortable), each the board's rounded figure.
    assert list(table["Satisfied"]) == [float(r.value_rounded) for r in rows]
    assert list(table["Respondents"]) == [float(r.denominator) for r in rows]
    assert list(table["A year earlier"]) == [float(r.previous_value_rounded) for r in rows]
    assert list(table["Change"]) == [float(r.change_rounded) for r in rows]


@pytest.mark.slow
def test_victims_breakdowns_are_the_marts_as_published(published):
    """By service and by crime category: each count is the mart's, as a number, and every cell
    the mart withholds (primary or secondary) is empty, never its exact count."""
    at = open_page("victims")
    end: date = at.selectbox(key="victims_period").value
    with connect_published() as con:
        mart = con.execute(
            """
            select breakdown, category, supported, supported_suppressed
            from marts.fct_victim_service_breakdowns
            where window_months = 12 and period_end = ?
            """,
            [end],
        ).fetchall()
    for breakdown, heading in (("service", "Service"), ("crime_category", "Crime category")):
        (table,) = [d.value for d in at.dataframe if heading in d.value.columns]
        shown = dict(zip(table[heading], table["Supported"], strict=True))
        cells = [(c, n, w) for b, c, n, w in mart if b == breakdown]
        assert set(shown) == {c for c, _, _ in cells}
        for category, count, withheld in cells:
            if withheld:
                assert pd.isna(shown[category]), (category, count)
            else:
                assert shown[category] == count, (category, count)


def test_a_charts_legend_in_words_comes_from_its_encoding():
    from pcc.present import charts

    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-01-01", "2025-02-01"]),
            "value": [91.0, 85.0],
            "meets": [True, False],
        }
    )
    spec = charts.standard_line_chart(frame, "t", 90.0, "standard").to_dict()
    from app.ui import legend_words

    words = legend_words(spec)
    assert words == "Meets standard: green circle = True; vermillion downward triangle = False."


@pytest.mark.slow
@pytest.mark.parametrize("page", [*PAGES, "trends", "comparison"])
def test_every_page_offers_its_figures_as_csv(published, page):
    """Every page has a CSV download of the figures it shows (issue 21)."""
    at = open_page(page)
    buttons = at.get("download_button")
    assert buttons, f"{page}: no CSV download"
