"""`pcc pack` end to end on the sample warehouse: files, figures, gating, reproducibility."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.pack.conftest import column, pdf_text, run_pcc, sample_pack, sheet_rows

pytestmark = pytest.mark.slow

DRAFT = "DRAFT - data quality checks failed"
# The board's sections, in board order (board_priorities seed).
MEASURE_SHEETS = [
    "National measures",
    "Protecting People",
    "Protecting Places",
    "Protecting Property",
    "Productive Partnerships",
]
# Column titles start with these; the rest of each title names the months.
YEAR = {
    "value": "Rolling year (",
    "previous_value": "Previous rolling year",
    "change": "Change on previous year",
    "pct_change": "% change on previous year",
    "baseline_value": "Baseline (",
    "change_vs_baseline": "Change vs baseline",
    "pct_change_vs_baseline": "% change vs baseline",
}
QUARTER = {
    "value": "Quarter (",
    "previous_value": "Same quarter last year",
    "change": "Change on same quarter",
    "pct_change": "% change on same quarter",
}


def _pack(data_dir: Path, out: Path, period: str, *extra: str):
    return run_pcc("pack", "--period-end", period, "--out", str(out), *extra, data_dir=data_dir)


def _measures_json(data_dir: Path, period: str, window: int) -> dict[str, dict]:
    result = run_pcc(
        "measures",
        "--period-end",
        period,
        "--window-months",
        str(window),
        "--format",
        "json",
        "--publishable",
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    return {r["measure_id"]: r for r in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def pack_2025_06(sample_warehouse) -> Path:
    return sample_pack(sample_warehouse, "2025-06")


def test_pack_writes_the_workbook_and_the_pdf(pack_2025_06):
    assert sorted(p.name for p in pack_2025_06.iterdir()) == [
        "pack-2025-06.pdf",
        "pack-2025-06.xlsx",
    ]
    wb = load_workbook(pack_2025_06 / "pack-2025-06.xlsx")
    assert wb.sheetnames[0] == "Cover"
    assert {*MEASURE_SHEETS, "Districts", "Definitions"} <= set(wb.sheetnames)
    cover = " ".join(str(c.value) for row in wb["Cover"].iter_rows() for c in row if c.value)
    assert "Police and Crime Plan: Delivery and Performance" in cover
    assert "Synthetic sample data" in cover
    # The sample passes every critical check; its one warning is freshness (it ends in 2025).
    assert "expectations, every critical expectation passed, 1 warning" in cover
    assert len(PdfReader(pack_2025_06 / "pack-2025-06.pdf").pages) > 5


def test_the_ranking_page_shows_the_marts_ranks_in_the_workbook_and_the_pdf(
    pack_2025_06, sample_warehouse
):
    """The sample's public files cover June 2025: the pack ranks Kent on both 999 measures and
    every recorded crime measure with the mart's values and ranks, and says no most similar
    group is loaded."""
    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        mart = con.execute(
            """
            select measure_name, value_rounded, force_rank, forces_ranked, national_value_rounded
            from marts.fct_force_ranking
            where is_kent and window_months = 12 and period_end = date '2025-06-01'
            """
        ).fetchall()
    names = {name for name, *_ in mart}
    assert {"999 calls answered within 10 seconds", "999 average time to answer"} < names
    assert len(mart) > 15  # and the recorded crime measures, per 1,000 residents
    rows = {
        r["Measure"]: r
        for r in sheet_rows(load_workbook(pack_2025_06 / "pack-2025-06.xlsx")["Force ranking"])
    }
    assert set(rows) == names
    for name, value, rank, of, national in mart:
        assert rows[name]["Value"] == float(value)
        # A context-only measure (drug offences) has a value but no rank: the cell is left empty.
        assert rows[name]["Rank (1 = best)"] == (None if rank is None else f"{rank} of {of}")
        assert rows[name]["National"] == float(national)
        assert (
            rows[name]["Most similar group"] is None
        )  # no group figure (the workbook leaves "–" empty)
    text = pdf_text(pack_2025_06 / "pack-2025-06.pdf")
    assert "Where Kent ranks among the territorial forces" in text
    assert "Most similar group: not loaded" in text


def test_every_workbook_figure_equals_pcc_measures(pack_2025_06, sample_warehouse):
    year = _measures_json(sample_warehouse, "2025-06", 12)
    quarter = _measures_json(sample_warehouse, "2025-06", 3)
    wb = load_workbook(pack_2025_06 / "pack-2025-06.xlsx")
    seen = set()
    for sheet in MEASURE_SHEETS:
        for row in sheet_rows(wb[sheet]):
            measure_id = row["Measure ID"]
            seen.add(measure_id)
            for field, prefix in YEAR.items():
                assert column(row, prefix) == year[measure_id][field], (sheet, measure_id, field)
            for field, prefix in QUARTER.items():
                assert column(row, prefix) == quarter[measure_id][field], (
                    sheet,
                    measure_id,
                    field,
                )
    assert seen == set(year)


def test_national_measures_page_matches_the_annual_report(sample_warehouse):
    # 2023/24 figures published in the PCC's annual report; the sample is calibrated to them.
    text = pdf_text(sample_pack(sample_warehouse, "2024-03") / "pack-2024-03.pdf")
    assert re.search(r"Violence with injury 17,227 18,059 -832 -4\.6% 19,768 -2,541 -12\.9%", text)
    assert (
        "Residential burglary fell 6.6% (315 offences) on the previous year and is 43.6% below "
        "the December 2019 baseline." in text
    )
    # 90.9% against 88.4%, as published; the board's two-proportion test (about 1,100
    # respondents a year) finds the +2.5 pp within sampling noise, so it is not "improved".
    assert (
        "Domestic abuse victim satisfaction showed no significant change on the previous year "
        "(90.9%, against 88.4%)" in text
    )
    assert "Drug offences rose 6.5% (315 offences) on the previous year" in text


def test_a_month_that_is_not_a_quarter_end_is_refused(sample_warehouse, tmp_path):
    result = _pack(sample_warehouse, tmp_path, "2025-05")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "quarter end" in result.stderr
    assert list(tmp_path.iterdir()) == []


def _fail_checks(data_dir: Path) -> None:
    entry = {
        "started_at": "2025-10-16T06:00:00+00:00",
        "finished_at": "2025-10-16T06:02:00+00:00",
        "status": "failed",
        "message": "2 critical expectations failed",
        "steps": [
            {"step": "ingest", "status": "ok", "seconds": 30.0, "detail": ""},
            {"step": "build", "status": "ok", "seconds": 60.0, "detail": ""},
            {"step": "check", "status": "failed", "seconds": 5.0, "detail": ""},
        ],
    }
    with open(data_dir / "refresh_log.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


def test_failed_quality_checks_refuse_the_pack(data_dir_copy, tmp_path):
    _fail_checks(data_dir_copy)
    result = _pack(data_dir_copy, tmp_path / "out", "2025-06")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "quality checks" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.heavy
def test_allow_failed_checks_stamps_every_page_draft(data_dir_copy, tmp_path):
    _fail_checks(data_dir_copy)
    result = _pack(data_dir_copy, tmp_path, "2025-06", "--allow-failed-checks")
    assert result.returncode == 0, result.stderr
    wb = load_workbook(tmp_path / "pack-2025-06.xlsx")
    assert all(ws["A1"].value == DRAFT for ws in wb.worksheets)
    pages = PdfReader(tmp_path / "pack-2025-06.pdf").pages
    assert all(DRAFT in (page.extract_text() or "") for page in pages)


@pytest.mark.heavy
def test_a_later_successful_refresh_lifts_the_gate(data_dir_copy, tmp_path):
    _fail_checks(data_dir_copy)
    with open(data_dir_copy / "refresh_log.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"started_at": "x", "status": "published", "message": "", "steps": []}))
        f.write("\n")
    result = _pack(data_dir_copy, tmp_path, "2025-06")
    assert result.returncode == 0, result.stderr
    assert load_workbook(tmp_path / "pack-2025-06.xlsx")["Cover"]["A1"].value != DRAFT


def _all_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


@pytest.mark.heavy
def test_the_same_warehouse_gives_the_same_pack(pack_2025_06, sample_warehouse, tmp_path):
    result = _pack(sample_warehouse, tmp_path, "2025-06")
    assert result.returncode == 0, result.stderr
    first, second = pack_2025_06 / "pack-2025-06.xlsx", tmp_path / "pack-2025-06.xlsx"
    assert _all_values(first) == _all_values(second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.heavy
def test_the_same_warehouse_gives_the_same_charts(sample_warehouse, monkeypatch):
    from pcc.pack.data import load_pack_data
    from pcc.pack.figures import render_charts
    from pcc.pack.period import parse_quarter_end

    monkeypatch.setenv("PCC_DATA_DIR", str(sample_warehouse))
    period = parse_quarter_end("2025-06")
    first = render_charts(load_pack_data(period))
    second = render_charts(load_pack_data(period))
    assert first and list(first) == list(second)
    assert first == second


def test_breakdown_tables_never_show_person_counts_under_five(pack_2025_06, sample_warehouse):
    # Counts about people (s.136 detentions) are withheld below five; recorded crime counts
    # are not (police.uk publishes them at street level), so a district's 4 homicides show.
    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        sql = "select measure_id from marts.dim_measures where is_about_people"
        people = {r[0] for r in con.execute(sql).fetchall()}
    wb = load_workbook(pack_2025_06 / "pack-2025-06.xlsx")
    suppressed = 0
    for sheet in ("Districts", "s136 breakdown"):
        for row in sheet_rows(wb[sheet]):
            if sheet == "Districts" and row["Measure ID"] not in people:
                continue
            for key in ("Rolling year", "Previous rolling year"):
                value = row[key]
                assert not (isinstance(value, int | float) and 0 < value < 5), (sheet, row)
                if value == "<5":
                    suppressed += 1
                    assert row["Change"] == "<5" and row["% change"] == "<5"
    assert suppressed > 0  # the sample has small district and s.136 counts to suppress


@pytest.mark.heavy
def test_the_outputs_are_pure_functions_of_one_read(sample_warehouse, tmp_path, monkeypatch):
    """One connection reads everything; the workbook and the PDF's HTML need no warehouse."""
    import pcc.pack.data as pack_data
    from pcc.pack.document import build_html
    from pcc.pack.period import parse_quarter_end
    from pcc.pack.workbook import write_workbook

    opened = []
    real = pack_data.connect_published

    def counting():
        opened.append(1)
        return real()

    monkeypatch.setenv("PCC_DATA_DIR", str(sample_warehouse))
    monkeypatch.setattr(pack_data, "connect_published", counting)
    data = pack_data.load_pack_data(parse_quarter_end("2025-06"))
    assert opened == [1]
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path / "no-warehouse"))
    write_workbook(tmp_path / "pack.xlsx", data, False)
    assert "Summary: headline measures" in build_html(data, {}, False, "success")
    # The force comparison page prints the rows it is given.
    from dataclasses import replace
    from decimal import Decimal

    from openpyxl import load_workbook

    from pcc.pack.comparison import ComparisonRow

    row = ComparisonRow(
        "robbery", "Robbery", 12, 1033, Decimal("0.6"), 20, 42, 4, None, None, 41, None, 8
    )
    with_comparison = replace(data, comparison=[row])
    html = html_unescape(build_html(with_comparison, {}, False, "success"))
    assert "How Kent compares with other forces" in html
    assert '<td class="">+0.6%</td><td class="">20 of 42</td>' in html
    write_workbook(tmp_path / "compared.xlsx", with_comparison, False)
    sheet = load_workbook(tmp_path / "compared.xlsx")["Force comparison"]
    assert [c.value for c in sheet[5]][:4] == ["Robbery", 1033, 0.6, "20 of 42"]
