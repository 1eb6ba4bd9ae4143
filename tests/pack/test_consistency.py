"""One truth: every board figure the pack prints equals marts.fct_measure_board formatted by
pcc.present.format and `pcc measures --format csv --publishable`, in the workbook and in the
PDF, for the rolling year and the quarter, at two period ends; and no output of the pack
shows a person-level count of 1-4 below force level."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from pcc.present import format as fmt
from pcc.present.board_table import table_cells
from pcc.read.board import BoardRow, read_board
from tests.pack.conftest import column as header_column
from tests.pack.conftest import pdf_text, run_pcc, sample_pack, sheet_rows

pytestmark = pytest.mark.slow

PERIODS = ("2024-03", "2025-06")
SHEETS_BEFORE = "Cover"
SHEETS_AFTER = "Districts"
# Workbook column title prefixes -> `pcc measures` CSV columns, per window.
YEAR = {
    "Rolling year (": "value",
    "Previous rolling year": "previous_value",
    "Change on previous year": "change",
    "% change on previous year": "pct_change",
    "Baseline (": "baseline_value",
    "Change vs baseline": "change_vs_baseline",
    "% change vs baseline": "pct_change_vs_baseline",
}
QUARTER = {
    "Quarter (": "value",
    "Same quarter last year": "previous_value",
    "Change on same quarter": "change",
    "% change on same quarter": "pct_change",
}
DISTRICT = {
    "Rolling year": "value",
    "Previous rolling year": "previous_value",
    "Change": "change",
    "% change": "pct_change",
}


def _csv_value(text: str):
    if text == "":
        return None
    if text == fmt.SUPPRESSED:
        return text
    return float(text) if "." in text else int(text)


def _measures(data_dir: Path, period: str, window: int, area: str = "Kent") -> dict[str, dict]:
    result = run_pcc(
        "measures", "--period-end", period, "--window-months", str(window), "--area", area,
        "--format", "csv", "--publishable", data_dir=data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {r["measure_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}


class Built:
    def __init__(self, data_dir: Path, out: Path, period: str):
        self.period = period
        self.workbook = load_workbook(out / f"pack-{period}.xlsx")
        self.pdf = pdf_text(out / f"pack-{period}.pdf")
        self.year = _measures(data_dir, period, 12)
        self.quarter = _measures(data_dir, period, 3)
        con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
        try:
            end = con.execute(f"select date '{period}-01'").fetchone()[0]
            self.kent_year = {r.measure_id: r for r in read_board(con, "E23000032", 12, end)}
            self.kent_quarter = {r.measure_id: r for r in read_board(con, "E23000032", 3, end)}
            self.headline = {
                measure_id
                for (measure_id,) in con.execute(
                    "select measure_id from marts.dim_measures "
                    "where is_headline and has_district_breakdown and kind = 'count'"
                ).fetchall()
            }
            districts = con.execute(
                "select area_code, area_name from marts.dim_areas where area_type = 'district'"
            ).fetchall()
            self.districts = {
                name: {r.measure_id: r for r in read_board(con, code, 12, end)}
                for code, name in districts
            }
        finally:
            con.close()

    def measure_sheets(self):
        names = self.workbook.sheetnames
        sheets = names[names.index(SHEETS_BEFORE) + 1 : names.index(SHEETS_AFTER)]
        assert "National measures" in sheets and len(sheets) >= 4
        return [self.workbook[s] for s in sheets]


@pytest.fixture(scope="module", params=PERIODS)
def built(request, sample_warehouse) -> Built:
    period = request.param
    return Built(sample_warehouse, sample_pack(sample_warehouse, period), period)


def _board_csv(r: BoardRow) -> dict:
    """The CSV values `pcc measures --publishable` must give for a board row."""

    def shown(value, flag):
        if getattr(r, flag):
            return fmt.SUPPRESSED
        if value is None:
            return None
        return int(value) if r.value_decimals == 0 else float(value)

    return {
        "value": shown(r.value_rounded, "value_suppressed"),
        "previous_value": shown(r.previous_value_rounded, "previous_value_suppressed"),
        "change": shown(r.change_rounded, "change_suppressed"),
        "pct_change": fmt.SUPPRESSED if r.change_suppressed else (
            None if r.pct_change_rounded is None else float(r.pct_change_rounded)
        ),
        "baseline_value": shown(r.baseline_value_rounded, "baseline_value_suppressed"),
        "change_vs_baseline": shown(r.change_vs_baseline_rounded, "change_vs_baseline_suppressed"),
        "pct_change_vs_baseline": fmt.SUPPRESSED if r.change_vs_baseline_suppressed else (
            None
            if r.pct_change_vs_baseline_rounded is None
            else float(r.pct_change_vs_baseline_rounded)
        ),
    }  # fmt: skip


def test_pcc_measures_publishable_is_the_board(built):
    for rows, by_csv in ((built.kent_year, built.year), (built.kent_quarter, built.quarter)):
        assert set(rows) == set(by_csv)
        for measure_id, r in rows.items():
            got = {k: _csv_value(by_csv[measure_id][k]) for k in _board_csv(r)}
            assert got == _board_csv(r), measure_id


def test_every_workbook_figure_is_the_board_figure(built):
    seen = set()
    for ws in built.measure_sheets():
        for row in sheet_rows(ws):
            measure_id = row["Measure ID"]
            seen.add(measure_id)
            for window, columns in ((built.year, YEAR), (built.quarter, QUARTER)):
                for prefix, field in columns.items():
                    expected = _csv_value(window[measure_id][field])
                    assert header_column(row, prefix) == expected, (ws.title, measure_id, prefix)
            r = built.kent_year[measure_id]
            assert row["Verdict on previous year"] == fmt.verdict(r.verdict_vs_previous)
            assert row["Verdict vs baseline"] == fmt.verdict(r.verdict_vs_baseline)
            q = built.kent_quarter[measure_id]
            assert row["Verdict on same quarter"] == fmt.verdict(q.verdict_vs_previous)
            solved = header_column(row, "Solved rate % (rolling year)")
            assert solved == (
                None if r.solved_rate_rounded is None else float(r.solved_rate_rounded)
            )
    assert seen == set(built.year)


def test_every_district_figure_is_the_board_figure(built, sample_warehouse):
    rows = sheet_rows(built.workbook["Districts"])
    assert rows
    for district in {row["District"] for row in rows}:
        by_csv = _measures(sample_warehouse, built.period, 12, district)
        for row in (r for r in rows if r["District"] == district):
            measure_id = row["Measure ID"]
            for column, field in DISTRICT.items():
                assert row[column] == _csv_value(by_csv[measure_id][field]), (
                    district, measure_id, column,
                )  # fmt: skip


def _pdf_has(built: Built, cells: list[str], what) -> None:
    assert " ".join(cells) in built.pdf, (built.period, what, cells)


def test_every_pdf_figure_is_the_board_figure_formatted(built):
    for measure_id, r in built.kent_year.items():
        year = table_cells(r, publishable=True)
        quarter = table_cells(built.kent_quarter[measure_id], publishable=True)
        # name, current, previous, change, %, verdict, baseline, change, %, verdict
        solved = [
            fmt.measure_value(r.solved_rate_rounded, "percent", 1),
            fmt.measure_value(r.solved_rate_change_rounded, "percent", 1, signed=True),
        ]
        if r.board_section == r.framework:  # the national measures page
            _pdf_has(built, [*year[1:5], *year[6:9]], measure_id)
        else:
            _pdf_has(built, [*year[1:5], *quarter[1:5], *year[6:9], *solved], measure_id)
        if r.recorded_crimes is None:
            assert solved == [fmt.DASH, fmt.DASH]
    # The PDF's district page: the headline measures by district (every one in the workbook).
    for district, rows in built.districts.items():
        for measure_id in built.headline & set(rows):
            cells = table_cells(rows[measure_id], publishable=True)
            _pdf_has(built, [rows[measure_id].measure_name, *cells[1:5]], (district, measure_id))


def test_no_person_level_count_of_1_to_4_below_force_level(built):
    people = {
        measure_id
        for rows in built.districts.values()
        for measure_id, r in rows.items()
        if r.is_about_people
    }
    assert people
    districts = sheet_rows(built.workbook["Districts"])
    withheld: dict[tuple[str, str], int] = {}
    for row in districts:
        if row["Measure ID"] not in people:
            continue
        for column in ("Rolling year", "Previous rolling year"):
            value = row[column]
            assert not (isinstance(value, int | float) and 1 <= value <= 4), row
            if value == fmt.SUPPRESSED:
                key = (row["Measure ID"], column)
                withheld[key] = withheld.get(key, 0) + 1
                assert row["Change"] == fmt.SUPPRESSED and row["% change"] == fmt.SUPPRESSED
    # Secondary suppression: a lone withheld district could be recovered from the force total.
    assert all(n != 1 for n in withheld.values()), withheld
    for row in sheet_rows(built.workbook["s136 breakdown"]):
        for column in ("Rolling year", "Previous rolling year"):
            value = row[column]
            assert not (isinstance(value, int | float) and 1 <= value <= 4), row
    # The PDF prints the same cells: no district person-level count shows a small number.
    for district, rows in built.districts.items():
        for measure_id in people:
            r = rows[measure_id]
            for value, flag in (
                (r.value_rounded, r.value_suppressed),
                (r.previous_value_rounded, r.previous_value_suppressed),
            ):
                if value is not None and 1 <= value <= 4:
                    assert flag, (district, measure_id)
