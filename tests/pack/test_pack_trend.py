"""The pack's use of the trend marts: significance in the narrative, SPC signals and target
status on the summary page."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

import duckdb
import pytest

KENT = "E23000032"


@pytest.fixture(scope="module")
def pack_data(sample_warehouse):
    """The pack's data for the quarter to September 2025."""
    from pcc.pack.data import load_pack_data
    from pcc.pack.period import parse_quarter_end

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PCC_DATA_DIR", str(sample_warehouse))
        data = load_pack_data(parse_quarter_end("2025-09"))
    assert data.trend is not None
    return data


@pytest.fixture(scope="module")
def pack_html(pack_data):
    """The pack's HTML (no charts), read as text."""
    from pcc.pack.document import build_html

    return unescape(build_html(pack_data, {}, False, "success"))


@pytest.fixture(scope="module")
def warehouse(sample_warehouse, pack_data):
    """The sample warehouse for the tests' own queries, opened after the pack has read it:
    DuckDB refuses a second connection to a file with another configuration in one process."""
    con = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def _summary(html: str) -> str:
    return html.split("<h2>Summary: headline measures</h2>", 1)[1].split("</section>", 1)[0]


def test_summary_lists_every_live_signal_of_the_headline_measures(pack_html, warehouse):
    readings = [
        r[0]
        for r in warehouse.execute(
            """
            select signals.reading from marts.fct_spc_signals_as_at as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ? and measures.is_headline
                and signals.as_at_month = date '2025-09-01'
            """,
            [KENT],
        ).fetchall()
    ]
    summary = _summary(pack_html)
    assert readings
    for reading in readings:
        assert f"<li>{reading}.</li>" in summary
    assert f"{len(readings)} live signals in headline measures" in summary


def test_summary_gives_each_target_its_status(pack_html, warehouse):
    rows = warehouse.execute(
        """
        select measure_name, actual_value, path_value, status
        from marts.fct_target_trajectory where period_end = date '2025-09-01'
        """
    ).fetchall()
    words = {"on_track": "on track", "close_to_path": "behind the path, within noise"}
    targets = _summary(pack_html).split("Trajectories to the national pledges", 1)[1]
    assert len(rows) == 2
    for name, actual, path, status in rows:
        row = targets.split(name, 1)[1].split("</tr>", 1)[0]
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
        whole_path = Decimal(repr(path)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert cells[-3:] == [
            f"{whole_path:,}",
            f"{int(actual):,}",
            words.get(status, "off track"),
        ]


def test_summary_groups_by_the_board_verdict(pack_html, warehouse):
    verdicts = warehouse.execute(
        """
        select board.measure_name, board.verdict_vs_previous
        from marts.fct_measure_board as board
        inner join marts.dim_measures as measures on board.measure_id = measures.measure_id
        where board.area_code = ? and board.window_months = 12
            and board.period_end = date '2025-09-01' and board.is_default_baseline
            and measures.is_headline
        """,
        [KENT],
    ).fetchall()
    summary = _summary(pack_html)
    groups = {
        "better": "Improved on the previous year",
        "worse": "Worsened on the previous year",
        "no significant change": "No significant change on the previous year",
        "context only": "Context measures",
    }
    quiet = {name for name, verdict in verdicts if verdict == "no significant change"}
    assert quiet
    for verdict, title in groups.items():
        names = {name for name, v in verdicts if v == verdict}
        if not names:
            assert title not in summary
            continue
        group = summary.split(title, 1)[1].split('<tr class="group">', 1)[0]
        assert {name for name in names if name in group} == names, verdict
        assert f"({len(names)})" in summary.split(title, 1)[1].split("</td>", 1)[0]
    assert f"{len(quiet)} showed no significant change" in summary


def test_workbook_has_the_signals_and_targets_sheets(pack_data, warehouse, tmp_path):
    from openpyxl import load_workbook

    from pcc.pack.workbook import write_workbook

    write_workbook(tmp_path / "pack.xlsx", pack_data, False)
    wb = load_workbook(tmp_path / "pack.xlsx")
    readings = [
        r[0]
        for r in warehouse.execute(
            """
            select signals.reading from marts.fct_spc_signals_as_at as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ? and signals.as_at_month = date '2025-09-01'
            order by measures.display_order, signals.signal_type
            """,
            [KENT],
        ).fetchall()
    ]
    sheet = wb["SPC signals"]
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)] == readings
    targets = list(wb["Targets"].iter_rows(min_row=5, values_only=True))
    actual = dict(
        warehouse.execute(
            "select measure_name, actual_value from marts.fct_target_trajectory "
            "where period_end = date '2025-09-01'"
        ).fetchall()
    )
    assert {row[0]: row[7] for row in targets} == {k: int(v) for k, v in actual.items()}


def test_workbook_and_pdf_give_each_measure_its_making_data_count_reading(
    pack_data, pack_html, warehouse, tmp_path
):
    from openpyxl import load_workbook

    from pcc.pack.workbook import write_workbook
    from pcc.present import format as fmt

    rows = warehouse.execute(
        """
        select summary.measure_name, summary.variation, summary.direction, summary.assurance
        from marts.fct_spc_summary_as_at as summary
        inner join marts.dim_measures as measures on summary.measure_id = measures.measure_id
        where summary.area_code = ? and summary.as_at_month = date '2025-09-01'
        order by measures.display_order
        """,
        [KENT],
    ).fetchall()
    assert rows
    write_workbook(tmp_path / "pack.xlsx", pack_data, False)
    sheet = load_workbook(tmp_path / "pack.xlsx")["SPC readings"]
    shown = [row[:5] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert shown == [
        (
            name,
            fmt.spc_variation_icon(variation, direction)[0],
            fmt.spc_variation(variation, direction),
            fmt.spc_assurance_icon(assurance)[0],
            fmt.spc_assurance(assurance),
        )
        for name, variation, direction, assurance in rows
    ]
    section = pack_html.split("one reading per measure", 1)[1].split("</section>", 1)[0]
    for name, variation, direction, _ in rows:
        assert f"{name}</td>" in section
        assert fmt.spc_variation(variation, direction) in section


def test_every_pack_chart_is_a_valid_vega_lite_spec(pack_data):
    """The pack renders its charts unvalidated (pcc.present.charts._spec) for speed; here every
    one of them is validated against the Vega-Lite schema altair carries."""
    from pcc.pack.figures import charted, quarter_chart, trend_chart

    measures = charted(pack_data)
    assert measures
    for m in measures:
        trend_chart(pack_data, m).to_dict(validate=True)
        if pack_data.quarters.get(m.info.measure_id):
            quarter_chart(pack_data, m).to_dict(validate=True)
