"""The board table as users read it: `pcc measures` (table, CSV, JSON), the explorer's and the
pack's tables. Selects and formats mart rows (pcc.read.board.BoardRow); computes nothing."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from pcc.months import month_text
from pcc.present import format as fmt
from pcc.read.board import BoardRow

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
