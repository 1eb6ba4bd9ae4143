"""One truth: the explorer shows the board's figures, as `pcc measures --publishable` does.

For period ends 2024-03 and 2025-06 and the 12- and 3-month windows, every figure on the
Overview tiles and the National measures table equals its marts.fct_measure_board row written
with pcc.present.format, and the same figure of `pcc measures --format csv --publishable` for
the same measure, area and window. The published pages show no person-level count of 1-4
below force level, and never one lone withheld district (it could be recovered from the total).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from pcc.present import format as fmt
from pcc.present.board_table import table_cells
from tests.app.test_pages import board_rows, headline_ids, open_page, tile_of

PERIOD_ENDS = [date(2024, 3, 1), date(2025, 6, 1)]
WINDOWS = {12: "Rolling year (12 months)", 3: "Quarter (3 months)"}
NATIONAL = "National Crime and Policing Measures"
# CSV column -> BoardRow column and whether it is a % change (written with fmt.pct_change).
FIGURES = {
    "value": ("value_rounded", False),
    "previous_value": ("previous_value_rounded", False),
    "change": ("change_rounded", False),
    "pct_change": ("pct_change_rounded", True),
    "baseline_value": ("baseline_value_rounded", False),
    "change_vs_baseline": ("change_vs_baseline_rounded", False),
    "pct_change_vs_baseline": ("pct_change_vs_baseline_rounded", True),
}
SIGNED = {"change", "change_vs_baseline"}
SMALL = {"1", "2", "3", "4"}


def cli_rows(area: str, window: int, period_end: date) -> dict[str, dict]:
    """`pcc measures --format csv --publishable` for the window, by measure_id."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pcc",
            "measures",
            "--period-end",
            f"{period_end:%Y-%m}",
            "--window-months",
            str(window),
            "--area",
            area,
            "--format",
            "csv",
            "--publishable",
        ],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    return {r["measure_id"]: r for r in csv.DictReader(io.StringIO(run.stdout))}


def cli_text(record: dict, column: str, unit: str, decimals: int) -> str:
    """A CSV figure as a page writes it: "<5" and empty (not computable) as they are."""
    text = record[column]
    if text == fmt.SUPPRESSED:
        return fmt.SUPPRESSED
    value = Decimal(text) if text else None
    if FIGURES[column][1]:
        return fmt.pct_change(value)
    return fmt.measure_value(value, unit, decimals, signed=column in SIGNED)


@pytest.mark.slow
@pytest.mark.parametrize("window", list(WINDOWS))
@pytest.mark.parametrize("period_end", PERIOD_ENDS, ids=lambda d: f"{d:%Y-%m}")
def test_overview_tiles_equal_board_and_cli(published, window, period_end):
    at = open_page("overview")
    at.radio(key="overview_window").set_value(WINDOWS[window]).run()
    at.selectbox(key="overview_period").set_value(period_end).run()
    assert not at.exception, [e.value for e in at.exception]
    rows = [r for r in board_rows("Kent", window, period_end) if r.measure_id in headline_ids()]
    cli = cli_rows("Kent", window, period_end)
    assert rows
    for r in rows:
        tile = tile_of(at, r.measure_id)
        last_year, baseline = tile.split("vs last year", 1)
        value = fmt.withheld(
            fmt.measure_value(r.value_rounded, r.unit, r.value_decimals), r.value_suppressed
        )
        assert value == cli_text(cli[r.measure_id], "value", r.unit, r.value_decimals)
        assert f">{value}</div>" in tile, r.measure_id
        for column, part in (("change", last_year), ("change_vs_baseline", baseline)):
            shown = cli_text(cli[r.measure_id], column, r.unit, r.value_decimals)
            board = fmt.measure_value(
                getattr(r, FIGURES[column][0]), r.unit, r.value_decimals, signed=True
            )
            assert shown == fmt.withheld(board, r.change_suppressed), (r.measure_id, column)
            assert shown in part, (r.measure_id, column)
        assert f"<b>{fmt.verdict(cli[r.measure_id]['verdict'] or None)}</b>" in last_year
        assert f"<b>{fmt.verdict(cli[r.measure_id]['verdict_vs_baseline'] or None)}</b>" in baseline


@pytest.mark.slow
@pytest.mark.parametrize("area", ["Kent", "Ashford"])
@pytest.mark.parametrize("period_end", PERIOD_ENDS, ids=lambda d: f"{d:%Y-%m}")
def test_national_table_equals_board_and_cli(published, area, period_end):
    at = open_page("national")
    at.selectbox(key="national_area").set_value(area).run()
    at.selectbox(key="national_period").set_value(period_end).run()
    assert not at.exception, [e.value for e in at.exception]
    table = national_table(at)
    rows = [r for r in board_rows(area, 12, period_end) if r.framework == NATIONAL]
    cli = cli_rows(area, 12, period_end)
    assert list(table["Measure"]) == [r.measure_name for r in rows]
    columns = dict(
        zip(
            ["value", "previous_value", "change", "pct_change"],
            ["Current year", "Previous year", "Change", "Change %"],
            strict=True,
        )
    ) | {
        "baseline_value": "Baseline",
        "change_vs_baseline": "Change vs baseline",
        "pct_change_vs_baseline": "Change vs baseline %",
    }
    for shown, r in zip(table.to_dict("records"), rows, strict=True):
        assert tuple(shown.values()) == table_cells(r, publishable=True)
        for column, heading in columns.items():
            assert shown[heading] == cli_text(cli[r.measure_id], column, r.unit, r.value_decimals)
        assert shown["Verdict"] == fmt.verdict(cli[r.measure_id]["verdict"] or None)


def national_table(at: AppTest) -> pd.DataFrame:
    """The National measures page's two tables (against last year, against the baseline)
    side by side, one row per measure."""
    year, baseline = [d.value for d in at.dataframe]
    assert list(year["Measure"]) == list(baseline["Measure"])
    return pd.concat([year, baseline.drop(columns="Measure")], axis=1)


def chart_values(at: AppTest, index: int) -> list:
    """The values a chart draws (Streamlit ships its data as Arrow)."""
    chart = at.get("vega_lite_chart")[index]
    (dataset,) = chart.proto.datasets
    frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    return list(frame["value"].dropna())


@pytest.mark.slow
def test_no_person_count_of_1_to_4_below_force(published):
    """Every district on the National measures and s.136 pages at the latest period: a
    person-level count is shown as <5 (never 1-4) in tables and left out of charts, and a
    withheld district total never stands alone (it could be recovered from Kent's total)."""
    national = open_page("national")
    s136 = open_page("s136")
    districts = [a for a in national.selectbox(key="national_area").options if a != "Kent"]
    period_end = national.selectbox(key="national_period").value
    withheld: dict[str, int] = {}
    for district in districts:
        people = {
            r.measure_name
            for r in board_rows(district, 12, period_end)
            if r.is_about_people and r.kind == "count"
        }
        national.selectbox(key="national_area").set_value(district).run()
        assert not national.exception, [e.value for e in national.exception]
        table = national_table(national)
        for record in table[table["Measure"].isin(people)].to_dict("records"):
            for heading in ("Current year", "Previous year", "Baseline"):
                assert record[heading] not in SMALL, (district, record)
            withheld[record["Measure"]] = withheld.get(record["Measure"], 0) + (
                record["Current year"] == fmt.SUPPRESSED
            )

        s136.selectbox(key="s136_area").set_value(district).run()
        s136.selectbox(key="s136_period").set_value(period_end).run()
        assert not s136.exception, [e.value for e in s136.exception]
        total = s136.subheader[0].value.split("Breakdowns: ", 1)[1].split(" ", 1)[0]
        assert total not in SMALL, district
        withheld["s136 total"] = withheld.get("s136 total", 0) + (total == fmt.SUPPRESSED)
        years = [d.value for d in s136.dataframe if "Financial year" in d.value.columns][0]
        assert not {v for v in years["Detentions"].dropna() if 1 <= v <= 4}, district
        monthly = chart_values(s136, 0)
        assert monthly and not {v for v in monthly if 1 <= v <= 4}, district
    assert all(n != 1 for n in withheld.values()), withheld
