"""`pcc measures --source prc`: the board table for any force from the public PRC tables.

The Home Office police recorded crime open data tables are quarterly, so windows end at a
quarter end. The figures are rows of marts.fct_measure_board with source prc, computed by the
same definitions as Kent's own board (one window macro, one comparison, one verdict); this
module selects and formats them. Measures the tables cannot support, and measures whose
current window the data does not cover, are not in the board. No pandas, dbt or Streamlit.
"""

from __future__ import annotations

from datetime import date

from pcc.commands.measures import WINDOW_CHOICES, latest_period_end
from pcc.errors import NoDataError, UsageError
from pcc.present.board_table import records, render_csv, render_json, render_table
from pcc.present.months import month_text, parse_month
from pcc.read.board import BOARD, literal, read_board
from pcc.read.warehouse import connect_published

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


def resolve_force(con, wanted: str) -> str:
    """The force's name in the loaded open data (names, codes and variants as in dim_forces)."""
    rows = con.execute(
        "select force_name, coalesce(name_variants, '') from marts.dim_forces order by force_name"
    ).fetchall()
    loaded = [
        r[0]
        for r in con.execute(
            f"select distinct area_code from {BOARD} where source = 'prc' order by 1"
        ).fetchall()
    ]
    if not loaded:
        raise NoDataError(
            "no police recorded crime open data is loaded: run `pcc refresh` with a Home Office "
            "open data workbook in the raw folder"
        )
    key = wanted.strip().casefold()
    for name, variants in rows:
        aliases = {name.casefold()} | {v.strip().casefold() for v in variants.split(";") if v}
        if key in aliases and name in loaded:
            return name
    for name in loaded:
        if name.casefold() == key:
            return name
    raise UsageError(
        f"unknown force {wanted!r} in the public data: choose one of {', '.join(loaded)}"
    )


def _available(con, force: str, window_months: int) -> str:
    first, last = con.execute(
        f"select min(period_end), max(period_end) from {BOARD} where source = 'prc' "
        f"and area_code = {literal(force)} and window_months = {literal(window_months)}"
    ).fetchone()
    if first is None:
        return "the data has no complete window of that length"
    return f"choose a quarter end from {month_text(first)} to {month_text(last)}"


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
    with connect_published() as con:
        force = resolve_force(con, area)
        if end is None:  # the latest complete window in the open data
            end = latest_period_end(con, force, window_months, "prc")
        rows = read_board(con, force, window_months, end, wanted_baseline, source="prc")
        if not rows:
            raise UsageError(
                f"no complete {window_months}-month window ends {month_text(end)} for "
                f"{force} in the public data: {_available(con, force, window_months)}"
            )
    if fmt == "table":
        print(render_table(rows) + SOURCE_NOTE + "\n", end="")
        return 0
    out = records(rows)
    print(render_csv(out) if fmt == "csv" else render_json(out), end="")
    return 0
