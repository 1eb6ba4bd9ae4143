"""Every explorer page opens without error and shows the marts' numbers."""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from app import ui
from pcc import measures
from pcc.paths import PROJECT_ROOT
from pcc.warehouse import connect_published

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")

PAGES = ["overview", "national", "crime", "contact", "s136", "victims", "quality", "definitions"]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
    with connect_published() as con:
        area = measures.resolve_area(con, "Kent")
        rows = measures.read_board(con, area, window, period_end, measures.build_baseline_end(con))
        headline = {
            r[0]
            for r in con.execute(
                "select measure_id from marts.dim_measures where is_headline"
            ).fetchall()
        }
    shown = "\n".join(m.value for m in at.markdown)
    tiles = [measures.present(r) for r in rows if r.measure_id in headline]
    assert tiles
    for p in tiles:
        assert f'data-measure="{p.row.measure_id}"' in shown
        tile = shown.split(f'data-measure="{p.row.measure_id}"', 1)[1].split("pcc-tile", 1)[0]
        assert ui.value_text(p, p.value) in tile


@pytest.mark.slow
def test_crime_explorer_total_equals_sql_sum(published):
    at = open_page("crime")
    at.selectbox(key="crime_level").set_value("Offence subgroup").run()
    at.multiselect(key="crime_offences").set_value(["Rape offences"]).run()
    at.selectbox(key="crime_flag").set_value("Domestic abuse").run()
    at.multiselect(key="crime_districts").set_value(["Ashford"]).run()
    assert not at.exception, [e.value for e in at.exception]
    end: date = at.selectbox(key="crime_period").value
    start = ui.add_months(end, -11)
    con = duckdb.connect(str(published / "warehouse.duckdb"), read_only=True)
    (expected,) = con.execute(
        """
        select coalesce(sum(f.crimes), 0) from marts.fct_crime_monthly f
        join marts.dim_areas a on a.area_code = f.district_code
        where f.offence_subgroup = 'Rape offences' and f.is_domestic_abuse
          and a.area_name = 'Ashford' and f.month_start between ? and ?
        """,
        [start, end],
    ).fetchone()
    con.close()
    shown = at.metric[0].value
    assert shown == ("<5" if 0 < expected < 5 else f"{expected:,}")


@pytest.mark.slow
def test_all_crime_total_for_kent(published):
    at = open_page("crime")
    end = at.selectbox(key="crime_period").value
    con = duckdb.connect(str(published / "warehouse.duckdb"), read_only=True)
    (expected,) = con.execute(
        "select sum(crimes) from marts.fct_crime_monthly where month_start between ? and ?",
        [ui.add_months(end, -11), end],
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
    with connect_published() as con:
        expected = dict(
            con.execute(
                """
                select m.measure_name || case when m.unit = 'percent' then ' (%)' else '' end,
                    w.value
                from marts.dim_measures m
                join marts.fct_measure_windows w on w.measure_id = m.measure_id
                where m.framework = ? and w.area_code = 'E23000032' and w.window_months = 12
                    and w.period_end = ?
                """,
                [measures.NATIONAL, period_end],
            ).fetchall()
        )
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
        ("first_place_of_safety", "Place of safety"),
        ("conveyance", "Conveyance"),
        ("age_band", "Age band"),
    ],
)
def test_s136_breakdown_equals_the_mart_with_small_counts_suppressed(published, column, heading):
    at = open_page("s136")
    at.multiselect(key="s136_districts").set_value(["Ashford"]).run()
    assert not at.exception, [e.value for e in at.exception]
    end: date = at.selectbox(key="s136_period").value
    with connect_published() as con:
        expected = dict(
            con.execute(
                f"""
                select f.{column}, sum(f.detentions)::bigint
                from marts.fct_s136_monthly f
                join marts.dim_areas a on a.area_code = f.district_code
                where a.area_name = 'Ashford' and f.month_start between ? and ?
                group by 1
                """,
                [ui.add_months(end, -11), end],
            ).fetchall()
        )
    (table,) = [d.value for d in at.dataframe if heading in d.value.columns]
    shown = dict(zip(table[heading], table["Detentions"], strict=True))
    assert shown == {k: "<5" if 1 <= n <= 4 else f"{n:,}" for k, n in expected.items()}
    assert f"Breakdowns: {sum(expected.values()):,} detentions" in at.subheader[0].value
