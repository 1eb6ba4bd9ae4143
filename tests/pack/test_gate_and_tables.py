"""Quality gating from the refresh log, quarter-end periods and suppression in breakdowns."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from pcc.build.refresh_log import latest_refresh_attempt
from pcc.errors import PccError, UsageError
from pcc.pack.data import BreakdownRow
from pcc.pack.gate import checks_failed, gate
from pcc.pack.period import Span, parse_quarter_end
from pcc.pack.tables import breakdown_table, district_table
from tests.pack.rows import board_row


def _line(status: str, failing_step: str | None) -> str:
    steps = [{"step": "ingest", "status": "ok", "seconds": 1.0, "detail": ""}]
    if failing_step:
        steps.append({"step": failing_step, "status": "failed", "seconds": 1.0, "detail": ""})
    return json.dumps({"started_at": "t", "status": status, "message": "m", "steps": steps})


def test_only_the_latest_attempt_counts(tmp_path):
    log = tmp_path / "refresh_log.jsonl"
    log.write_text(_line("failed", "check") + "\n" + _line("published", None) + "\n")
    assert not checks_failed(latest_refresh_attempt(log))
    log.write_text(_line("published", None) + "\n" + _line("failed", "check") + "\n")
    assert checks_failed(latest_refresh_attempt(log))


def test_a_failure_outside_the_check_step_does_not_gate(tmp_path):
    # A failed ingest or build leaves the last good (checked) warehouse live.
    log = tmp_path / "refresh_log.jsonl"
    log.write_text(_line("failed", "build") + "\n")
    assert gate(latest_refresh_attempt(log), allow_failed_checks=False) is False


def test_failed_checks_refuse_unless_allowed(tmp_path):
    log = tmp_path / "refresh_log.jsonl"
    log.write_text(_line("failed", "check") + "\n{torn line")
    attempt = latest_refresh_attempt(log)
    with pytest.raises(PccError, match="quality checks"):
        gate(attempt, allow_failed_checks=False)
    assert gate(attempt, allow_failed_checks=True) is True


def test_no_log_means_no_gate(tmp_path):
    assert gate(latest_refresh_attempt(tmp_path / "missing.jsonl"), False) is False


@pytest.mark.parametrize("text", ["2025-01", "2025-05", "2024-11"])
def test_period_end_must_be_a_quarter_end(text):
    with pytest.raises(UsageError, match="quarter end"):
        parse_quarter_end(text)


def test_quarter_labels():
    assert parse_quarter_end("2025-06") == date(2025, 6, 1)
    assert Span(date(2025, 4, 1), date(2025, 6, 1)).words == "April to June 2025"
    assert Span(date(2024, 7, 1), date(2025, 6, 1)).words == "July 2024 to June 2025"
    assert Span(date(2025, 4, 1), date(2025, 6, 1)).short == "Apr-Jun 2025"
    assert Span(date(2024, 7, 1), date(2025, 6, 1)).short == "Jul 2024-Jun 2025"


def _cells(row) -> dict:
    return {k: (c.number if c.number is not None else c.text) for k, c in row.cells.items()}


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            (3, 10, -7, Decimal("-70.0"), True, False, True),
            {"value": "<5", "previous": 10, "change": "<5", "pct": "<5"},
        ),
        (
            (10, 4, 6, Decimal("150.0"), False, True, True),
            {"value": 10, "previous": "<5", "change": "<5", "pct": "<5"},
        ),
        (
            (0, 8, -8, Decimal("-100.0"), False, False, False),
            {"value": 0, "previous": 8, "change": -8, "pct": -100},
        ),
        (
            (5, 0, 5, None, False, False, False),
            {"value": 5, "previous": 0, "change": 5, "pct": "–"},
        ),
    ],
)
def test_breakdown_cells_follow_the_marts_disclosure_flags(cells, expected):
    """The pack prints what marts.fct_s136_breakdowns withholds as <5 and computes nothing."""
    (row,) = breakdown_table([BreakdownRow("Age band", "18-24", *cells)]).rows
    assert {k: _cells(row)[k] for k in expected} == expected


def test_district_cells_follow_the_board_flags():
    row = board_row(
        value=12, previous=3, change=9, pct=300.0, previous_value_suppressed=True,
        change_suppressed=True,
    )  # fmt: skip
    (cells,) = district_table([row]).rows
    shown = {k: c.text for k, c in cells.cells.items()}
    assert (shown["value"], shown["previous"], shown["change"], shown["pct"]) == (
        "12",
        "<5",
        "<5",
        "<5",
    )
    assert cells.cells["previous"].number is None  # the workbook stores the text, not 3


def test_the_force_comparison_prints_the_marts_rounded_percentages_and_ranks():
    from decimal import Decimal

    from pcc.pack.comparison import ComparisonRow
    from pcc.pack.tables import comparison_table

    row = ComparisonRow(
        "robbery", "Robbery", 12, 17227, Decimal("-12.9"), 3, 42, 1, None, None, 41, None, 8
    )
    (out,) = comparison_table([row]).rows
    assert [out.cells[k].text for k in ("offences", "pct", "rank", "peer_rank")] == [
        "17,227",
        "-12.9%",
        "3 of 42",
        "1 of 8",
    ]
    assert [out.cells[k].text for k in ("baseline_pct", "baseline_rank")] == ["–", "–"]
    assert out.cells["pct"].number == -12.9  # the workbook stores the same rounded figure
