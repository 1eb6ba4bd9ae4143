"""The pack's use of the trend marts: significance in the narrative, SPC signals and target
status on the summary page."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

import duckdb
import pytest

from pcc.pack.narrative import IMPROVED, NOT_SIGNIFICANT, WORSENED, judgement, sentence
from pcc.pack.trend import ChangeSignificance
from tests.pack.test_narrative import BASELINE_END, PERIOD_END, _figures

KENT = "E23000032"


def _knife(current: int, previous: int):
    return _figures(
        "count",
        "lower_is_better",
        "offences",
        (current, None),
        (previous, None),
        (975, None),
        name="Knife or sharp instrument offences",
    )


def test_a_change_within_noise_is_no_significant_change():
    # 838 against 818: +2.4%, interval -7.0% to +12.8% (sample figures for the 12 months to
    # September 2025): not "rose", not worse.
    f = _knife(838, 818)
    within = ChangeSignificance(False, -7.0, 12.8, True, -21.6, -5.7)
    assert judgement(f, within) == NOT_SIGNIFICANT
    text = sentence(f, BASELINE_END, PERIOD_END, within)
    assert text.startswith(
        "Knife or sharp instrument offences showed no significant change on the previous year "
        "(838 offences; +20, +2.4%, within chance variation: 95% interval -7.0% to +12.8%)"
    )
    assert "rose" not in text and "fell" not in text and "worsened" not in text
    # The fall against the baseline (838 vs 975, -14.1%) is significant, so it is stated.
    assert "14.1% below the December 2019 baseline" in text


def test_a_significant_change_keeps_the_annual_report_wording():
    f = _knife(700, 818)
    significant = ChangeSignificance(True, -23.0, -5.0, False, -20.0, 1.0)
    assert judgement(f, significant) == IMPROVED
    text = sentence(f, BASELINE_END, PERIOD_END, significant)
    # 700 vs 818: -118, -14.4%; against the baseline 975: -28.2%, here not significant.
    assert text.startswith(
        "Knife or sharp instrument offences fell 14.4% (118 offences) on the previous year and "
        "is not significantly different from the December 2019 baseline (-28.2%)."
    )
    assert text.endswith("Performance improved.")
    # Without significance (as before the trend marts) the verdict is by polarity alone.
    assert judgement(_knife(838, 818)) == WORSENED


@pytest.fixture(scope="module")
def pack_html(sample_warehouse):
    """The pack's HTML for the quarter to September 2025 (no charts), read as text."""
    from pcc.pack.data import load_pack_data
    from pcc.pack.document import build_html
    from pcc.pack.period import parse_quarter_end

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PCC_DATA_DIR", str(sample_warehouse))
        data = load_pack_data(parse_quarter_end("2025-09"))
        return unescape(build_html(data, {}, False, "success"))


@pytest.fixture(scope="module")
def warehouse(sample_warehouse):
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
            select signals.reading from marts.fct_spc_signals as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ? and measures.is_headline
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


def test_summary_groups_non_significant_changes(pack_html, warehouse):
    quiet = {
        r[0]
        for r in warehouse.execute(
            """
            select measures.measure_name
            from marts.fct_measure_change_significance as s
            inner join marts.dim_measures as measures on s.measure_id = measures.measure_id
            where s.area_code = ? and s.window_months = 12 and s.period_end = date '2025-09-01'
                and measures.is_headline and not s.is_significant and s.pct_change != 0
            """,
            [KENT],
        ).fetchall()
    }
    summary = _summary(pack_html)
    group = summary.split("No significant change on the previous year", 1)[1]
    group = group.split('<tr class="group">', 1)[0]
    assert quiet
    assert {name for name in quiet if name in group} == quiet
    assert "showed no significant change" in summary


def test_workbook_has_the_signals_and_targets_sheets(sample_warehouse, warehouse, tmp_path):
    from openpyxl import load_workbook

    from pcc.pack.data import load_pack_data
    from pcc.pack.period import parse_quarter_end
    from pcc.pack.workbook import write_workbook

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PCC_DATA_DIR", str(sample_warehouse))
        write_workbook(tmp_path / "pack.xlsx", load_pack_data(parse_quarter_end("2025-09")), False)
    wb = load_workbook(tmp_path / "pack.xlsx")
    readings = [
        r[0]
        for r in warehouse.execute(
            """
            select signals.reading from marts.fct_spc_signals as signals
            inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
            where signals.area_code = ? order by measures.display_order, signals.signal_type
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
