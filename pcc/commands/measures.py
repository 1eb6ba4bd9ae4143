"""`pcc measures`: the board table of every measure for one window and area.

Selects rows of marts.fct_measure_board (pcc.read.board) and formats them (pcc.present.format):
every figure, verdict and suppression was computed once, in dbt. No dbt, Great Expectations,
pandas or Streamlit import, so it answers in well under a second.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

from pcc.errors import NoDataError, UsageError
from pcc.present import format as fmt
from pcc.read.board import BoardRow, baseline_choices, period_ends, read_board, resolve_area
from pcc.read.warehouse import connect_published

WINDOW_CHOICES = (12, 3)
CSV_COLUMNS = (
    "measure_id",
    "measure_name",
    "area",
    "period_start",
    "period_end",
    "value",
    "previous_value",
    "change",
    "pct_change",
    "verdict",
    "significance",
    "baseline_start",
    "baseline_end",
    "baseline_value",
    "change_vs_baseline",
    "pct_change_vs_baseline",
    "verdict_vs_baseline",
    "significance_vs_baseline",
)
# Figures withheld from a --publishable output, by the column that says so.
_WITHHELD = {
    "value": "value_suppressed",
    "previous_value": "previous_value_suppressed",
    "change": "change_suppressed",
    "pct_change": "change_suppressed",
    "baseline_value": "baseline_value_suppressed",
    "change_vs_baseline": "change_vs_baseline_suppressed",
    "pct_change_vs_baseline": "change_vs_baseline_suppressed",
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str, option: str) -> date:
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"{option} must be a month as YYYY-MM, got {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


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


def _number(value: Decimal | None, decimals: int):
    """A rounded figure as CSV/JSON carry it: counts as integers, ratios with their decimals."""
    if value is None:
        return None
    return int(value) if decimals == 0 else value


def records(rows: list[BoardRow], publishable: bool = False) -> list[dict]:
    out = []
    for r in rows:
        record = {
            "measure_id": r.measure_id,
            "measure_name": r.measure_name,
            "area": r.area_name,
            "period_start": month_text(r.period_start),
            "period_end": month_text(r.period_end),
            "value": _number(r.value_rounded, r.value_decimals),
            "previous_value": _number(r.previous_value_rounded, r.value_decimals),
            "change": _number(r.change_rounded, r.value_decimals),
            "pct_change": r.pct_change_rounded,
            "verdict": r.verdict_vs_previous,
            "significance": r.significance_vs_previous,
            "baseline_start": month_text(r.baseline_period_start),
            "baseline_end": month_text(r.baseline_period_end),
            "baseline_value": _number(r.baseline_value_rounded, r.value_decimals),
            "change_vs_baseline": _number(r.change_vs_baseline_rounded, r.value_decimals),
            "pct_change_vs_baseline": r.pct_change_vs_baseline_rounded,
            "verdict_vs_baseline": r.verdict_vs_baseline,
            "significance_vs_baseline": r.significance_vs_baseline,
        }
        if publishable:
            for column, flag in _WITHHELD.items():
                if getattr(r, flag):
                    record[column] = fmt.SUPPRESSED
        out.append(record)
    return out


def render_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in rows:
        writer.writerow({k: "" if v is None else str(v) for k, v in record.items()})
    return out.getvalue()


def render_json(rows: list[dict]) -> str:
    def encode(value):
        if isinstance(value, Decimal):
            return float(value)
        raise TypeError(type(value))

    return json.dumps(rows, indent=2, default=encode) + "\n"


def table_cells(r: BoardRow, publishable: bool = False) -> tuple[str, ...]:
    """The board table's cells for one row: the CLI, explorer and pack tables print these."""
    unit, places = r.unit, r.value_decimals

    def cell(text: str, flag: str) -> str:
        return fmt.withheld(text, publishable and getattr(r, flag))

    return (
        r.measure_name,
        cell(fmt.measure_value(r.value_rounded, unit, places), "value_suppressed"),
        cell(
            fmt.measure_value(r.previous_value_rounded, unit, places), "previous_value_suppressed"
        ),
        cell(fmt.measure_value(r.change_rounded, unit, places, signed=True), "change_suppressed"),
        cell(fmt.pct_change(r.pct_change_rounded), "change_suppressed"),
        fmt.verdict(r.verdict_vs_previous),
        cell(
            fmt.measure_value(r.baseline_value_rounded, unit, places), "baseline_value_suppressed"
        ),
        cell(
            fmt.measure_value(r.change_vs_baseline_rounded, unit, places, signed=True),
            "change_vs_baseline_suppressed",
        ),
        cell(fmt.pct_change(r.pct_change_vs_baseline_rounded), "change_vs_baseline_suppressed"),
        fmt.verdict(r.verdict_vs_baseline),
    )


TABLE_HEADERS = (
    "Measure",
    "Current",
    "Previous",
    "Change",
    "%",
    "Verdict",
    "Baseline",
    "Change",
    "%",
    "Verdict",
)


def render_table(rows: list[BoardRow], publishable: bool = False) -> str:
    first = rows[0]
    span = f"{first.window_months} months"
    lines = [
        f"{first.area_name}: {span} to {first.period_end:%B %Y} "
        f"({fmt.month_span(first.period_start, first.period_end)})",
        f"  previous: {fmt.month_span(first.previous_period_start, first.previous_period_end)}; "
        f"baseline: {fmt.month_span(first.baseline_period_start, first.baseline_period_end)}",
    ]
    name_width = max([len(r.measure_name) for r in rows] + [len(TABLE_HEADERS[0])])
    widths = (name_width, 10, 10, 10, 8, 22, 10, 10, 8, 22)

    def line(cells) -> str:
        head = f"  {cells[0]:<{widths[0]}}"
        return head + "".join(f" {c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True))

    section = None
    for r in rows:
        if r.board_section != section:
            section = r.board_section
            lines += ["", section, line(TABLE_HEADERS)]
        lines.append(line(table_cells(r, publishable)))
    lines += [
        "",
        "Counts are exact. Percentages use summed numerators and denominators over the window, "
        "rounded half-up; ratio changes are in percentage points (pp). Better or worse only "
        "where the change is statistically significant (95%). "
        f"{fmt.DASH} = not computable (months outside the data, or a zero comparison)."
        + (f" {fmt.SUPPRESSED} = withheld (disclosure control)." if publishable else ""),
    ]
    return "\n".join(lines) + "\n"


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
