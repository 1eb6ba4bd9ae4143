"""`pcc measures`: the board table of every measure for one window and area.

Selects rows of marts.fct_measure_board (pcc.read.measures) and formats them
(pcc.present.board_table): every figure, verdict and suppression was computed once, in dbt. No dbt, Great Expectations,
pandas or Streamlit import, so it answers in well under a second.
"""

from __future__ import annotations

from pcc.errors import UsageError
from pcc.months import month_text, parse_month
from pcc.present.board_table import records, render_csv, render_json, render_table
from pcc.read.measures import kent_board

WINDOW_CHOICES = (12, 3)


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
    rows = kent_board(area, window_months, end, wanted_baseline)
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
