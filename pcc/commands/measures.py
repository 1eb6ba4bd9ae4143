"""`pcc measures`: the board table of every measure for one window and area.

Selects rows of marts.fct_measure_board (pcc.read.board) and formats them (pcc.present.board_table):
every figure, verdict and suppression was computed once, in dbt. No dbt, Great Expectations,
pandas or Streamlit import, so it answers in well under a second.
"""

from __future__ import annotations

from datetime import date

from pcc.errors import NoDataError, UsageError
from pcc.present.board_table import records, render_csv, render_json, render_table
from pcc.present.months import month_text, parse_month
from pcc.read.board import baseline_choices, period_ends, read_board, resolve_area
from pcc.read.warehouse import connect_published

WINDOW_CHOICES = (12, 3)


def _check_period(con, area, window_months: int, period_end: date) -> None:
    ends = period_ends(con, area.code, window_months)
    if period_end not in ends:
        available = (
            f"choose a period end from {month_text(ends[-1])} to {month_text(ends[0])}"
            if ends
            else "the warehouse has none"
        )
        raise UsageError(
            f"no complete {window_months}-month window ends {month_text(period_end)} "
            f"for {area.name}: {available}"
        )


def latest_period_end(con, area_code: str, window_months: int, source: str = "extract") -> date:
    ends = period_ends(con, area_code, window_months, source)
    if not ends:
        raise NoDataError(f"the published warehouse has no complete {window_months}-month window")
    return ends[0]


def _check_baseline(con, baseline_end: date) -> None:
    choices = baseline_choices(con)
    if baseline_end not in choices:
        raise UsageError(
            f"--baseline-end {month_text(baseline_end)} is not a baseline the warehouse holds: "
            f"choose from {month_text(choices[0])} to {month_text(choices[-1])} "
            "(dbt var baseline_choices)"
        )


def run_measures(
    period_end: str | None,
    window_months: int,
    area: str,
    baseline_end: str | None,
    fmt_name: str,
    publishable: bool = False,
) -> int:
    end = parse_month(period_end, "--period-end") if period_end else None
    if window_months not in WINDOW_CHOICES:
        raise UsageError(f"--window-months must be 12 or 3, got {window_months}")
    wanted_baseline = parse_month(baseline_end, "--baseline-end") if baseline_end else None
    with connect_published() as con:
        found_area = resolve_area(con, area)
        if end is None:  # the latest complete window
            end = latest_period_end(con, found_area.code, window_months)
        _check_period(con, found_area, window_months, end)
        if wanted_baseline:
            _check_baseline(con, wanted_baseline)
        rows = read_board(con, found_area.code, window_months, end, wanted_baseline)
    if wanted_baseline and all(r.baseline_value_rounded is None for r in rows):
        raise UsageError(
            f"no measure has a complete {window_months}-month baseline ending "
            f"{month_text(wanted_baseline)}: the data does not cover it"
        )
    if fmt_name == "table":
        print(render_table(rows, publishable), end="")
        return 0
    out = records(rows, publishable)
    print(render_csv(out) if fmt_name == "csv" else render_json(out), end="")
    return 0
