"""`pcc compare`: where Kent ranks among the territorial forces on one measure (the rows of
marts.fct_force_ranking, formatted by pcc.present.ranking; no arithmetic here)."""

from __future__ import annotations

from pcc.errors import UsageError
from pcc.months import parse_month
from pcc.present.ranking import render_csv, render_table
from pcc.read.ranking import load_ranking


def run_compare(measure: str, period_end: str, window_months: int | None, fmt_name: str) -> int:
    if fmt_name not in ("table", "csv"):
        raise UsageError(f"--format must be table or csv for pcc compare, got {fmt_name}")
    rows, source = load_ranking(measure, parse_month(period_end, "--period-end"), window_months)
    print(render_table(rows, source) if fmt_name == "table" else render_csv(rows), end="")
    return 0
