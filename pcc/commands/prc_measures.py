"""`pcc measures --source prc`: the board table for any force from the public PRC tables.

The Home Office police recorded crime open data tables are quarterly, so windows end at a
quarter end. The figures are rows of marts.fct_measure_board with source prc, computed by the
same definitions as Kent's own board (one window macro, one comparison, one verdict); this
module selects and formats them. Measures the tables cannot support, and measures whose
current window the data does not cover, are not in the board. No pandas, dbt or Streamlit.
"""

from __future__ import annotations

from datetime import date

from pcc.commands.measures import WINDOW_CHOICES
from pcc.errors import UsageError
from pcc.months import month_text, parse_month
from pcc.present.board_table import records, render_csv, render_json, render_table
from pcc.read.measures import prc_board

SOURCE_NOTE = (
    "Source: Home Office police recorded crime open data tables (Police Force Area, quarterly)."
)


def _quarter_end(month: date, option: str) -> date:
    if month.month % 3:
        raise UsageError(
            f"{option} must be a quarter end (YYYY-03, -06, -09 or -12) with --source prc, "
            f"got {month_text(month)}"
        )
    return month


def run_prc_measures(
    period_end: str | None, window_months: int, area: str, baseline_end: str | None, fmt: str
) -> int:
    end = (
        _quarter_end(parse_month(period_end, "--period-end"), "--period-end")
        if period_end
        else None
    )
    if window_months not in WINDOW_CHOICES:
        raise UsageError(f"--window-months must be 12 or 3, got {window_months}")
    wanted_baseline = (
        _quarter_end(parse_month(baseline_end, "--baseline-end"), "--baseline-end")
        if baseline_end
        else None
    )
    rows = prc_board(area, window_months, end, wanted_baseline)
    if fmt == "table":
        print(render_table(rows) + SOURCE_NOTE + "\n", end="")
        return 0
    out = records(rows)
    print(render_csv(out) if fmt == "csv" else render_json(out), end="")
    return 0
