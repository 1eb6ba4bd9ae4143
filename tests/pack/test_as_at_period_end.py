"""A pack is as at its own period end (issue 17): the June 2025 pack built from the sample and
again after October 2025's crimes arrive is the same pack, cell for cell and word for word, except
for the extract it names (data as at, when the warehouse was refreshed, that refresh's quality-check
run); and its summary, its tables and its narrative give each measure one verdict."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from pcc.build.refresh import refresh
from pcc.pack.narrative import VERDICT_GROUPS
from pcc.paths import DataPaths
from tests.dbt.deliveries import write_october_2025
from tests.pack.conftest import HEADER_ROW, pdf_text, run_pcc

pytestmark = [pytest.mark.heavy, pytest.mark.slow]

PERIOD = "2025-06"
KENT = "E23000032"
# What names the extract, and only that: masked before comparing the two packs.
EXTRACT = (
    (re.compile(r"Data as at [A-Z][a-z]+ \d{4}"), "Data as at <extract>"),
    (re.compile(r"(?i)refreshed \d{2} [A-Z][a-z]+ \d{4} \d{2}:\d{2} UTC"), "refreshed <time>"),
    (re.compile(r"Quality checks \([^)]*\): [\d,]+ expectations"), "Quality checks <run>"),
    (re.compile(r"\(started [^)]*\)"), "(started <time>)"),
)
COVER_EXTRACT_ROWS = {"Data as at", "Warehouse refreshed"}
VERDICT_COLUMN = "Verdict on previous year"


def _mask(text: str) -> str:
    for pattern, placeholder in EXTRACT:
        text = pattern.sub(placeholder, text)
    return text


def _cells(path: Path) -> dict:
    wb = load_workbook(path)
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            label = row[0].value
            for cell in row:
                value = cell.value
                if ws.title == "Cover" and label in COVER_EXTRACT_ROWS and cell.column > 1:
                    value = "<extract>"
                elif isinstance(value, str):
                    value = _mask(value)
                cells[(ws.title, cell.coordinate)] = value
    return cells


def _pack(data_dir: Path, out: Path) -> Path:
    # The pack's one read is bounded by PCC_SQL_TIMEOUT (60 s) for interactive safety; this
    # test is about what the pack says, not how fast a shared test machine reads it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PCC_SQL_TIMEOUT", "0")
        result = run_pcc("pack", "--period-end", PERIOD, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def packs(sample_warehouse, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pack-as-at")
    before = _pack(sample_warehouse, root / "before")
    later = DataPaths(root / "data")
    shutil.copytree(sample_warehouse, later.root, ignore=shutil.ignore_patterns("build"))
    write_october_2025(root / "raw")
    assert refresh(later, root / "raw").build_mode == "incremental"
    return {"before": before, "after": _pack(later.root, root / "after"), "later": later.root}


def test_october_2025_reached_the_warehouse_and_its_latest_spc_readings(packs, sample_warehouse):
    """The comparison below means something: the later warehouse holds October 2025 and its
    latest SPC signals (what a pack reading the latest month would show) differ."""
    before = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    after = duckdb.connect(str(packs["later"] / "warehouse.duckdb"), read_only=True)
    query = (
        "select measure_id, signal_type, latest_month, points from marts.fct_spc_signals "
        f"where area_code = '{KENT}' order by all"
    )
    try:
        months = [
            c.execute("select max(month_start) from marts.fct_measure_monthly").fetchone()[0]
            for c in (before, after)
        ]
        assert [m.isoformat() for m in months] == ["2025-09-01", "2025-10-01"]
        assert before.execute(query).fetchall() != after.execute(query).fetchall()
    finally:
        before.close()
        after.close()
    cover = [load_workbook(packs[k] / f"pack-{PERIOD}.xlsx")["Cover"] for k in ("before", "after")]
    extract = [{r[0].value: r[1].value for r in ws.iter_rows()}["Data as at"] for ws in cover]
    assert extract == ["September 2025", "October 2025"]


def test_the_june_2025_pack_is_unchanged_by_later_data_but_for_the_extract_date(packs):
    name = f"pack-{PERIOD}"
    before, after = (_cells(packs[k] / f"{name}.xlsx") for k in ("before", "after"))
    assert before.keys() == after.keys()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
    assert "SPC readings" in {sheet for sheet, _ in before}
    texts = [_mask(pdf_text(packs[k] / f"{name}.pdf")) for k in ("before", "after")]
    assert "Readings and signals are as at June 2025" in texts[0]
    assert texts[0] == texts[1]


def _workbook_verdicts(path: Path) -> dict[str, set[str]]:
    """Measure name -> every verdict on the previous year the workbook's tables give it."""
    verdicts: dict[str, set[str]] = {}
    for ws in load_workbook(path).worksheets:
        headers = [c.value for c in ws[HEADER_ROW]]
        if VERDICT_COLUMN not in headers:
            continue
        at = headers.index(VERDICT_COLUMN)
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
            if row[0] and row[at]:
                verdicts.setdefault(row[0], set()).add(row[at])
    return verdicts


def _summary_verdicts(html: str) -> dict[str, str]:
    """Measure name -> the verdict group of the PDF's summary table it is filed under."""
    summary = html.split("<h2>Summary: headline measures</h2>", 1)[1].split("</table>", 1)[0]
    titles = {title: verdict for verdict, title in VERDICT_GROUPS}
    filed, group = {}, None
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", summary, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if len(cells) == 1:
            group = titles[re.sub(r" \(\d+\)$", "", cells[0])]
        elif cells:
            filed[cells[0]] = group
    return filed


def _sentence_words(sentence: str) -> set[str]:
    words = set()
    if "Performance improved" in sentence or " improved by " in sentence:
        words.add("better")
    if "Performance worsened" in sentence or " worsened by " in sentence:
        words.add("worse")
    if "no significant change" in sentence:
        words.add("no significant change")
    return words


def test_summary_tables_and_bullets_give_each_measure_one_verdict(packs, monkeypatch):
    from pcc.pack.data import load_pack_data
    from pcc.pack.document import build_html
    from pcc.pack.period import parse_quarter_end

    monkeypatch.setenv("PCC_DATA_DIR", str(packs["later"]))
    html = unescape(build_html(load_pack_data(parse_quarter_end(PERIOD)), {}, False, "published"))
    tables = _workbook_verdicts(packs["after"] / f"pack-{PERIOD}.xlsx")
    assert tables and all(len(v) == 1 for v in tables.values()), tables
    verdict = {name: next(iter(v)) for name, v in tables.items()}

    filed = _summary_verdicts(html)
    assert filed
    assert {name: verdict[name] for name in filed} == filed

    names = sorted(verdict, key=len, reverse=True)
    bullets = [
        unescape(li)
        for ul in re.findall(r'<ul class="narrative">(.*?)</ul>', html, re.S)
        for li in re.findall(r"<li>(.*?)</li>", ul, re.S)
    ]
    judged = 0
    for bullet in bullets:
        name = next((n for n in names if bullet.startswith(n)), None)
        if name is None:
            continue
        words = _sentence_words(bullet[len(name) :])
        assert words <= {verdict[name]}, (bullet, verdict[name])
        judged += bool(words)
    assert judged > 0
