"""The board rows a `pcc measures` call asks for: the area (or force) resolved, the window and
baseline checked against what the warehouse holds, then the rows of marts.fct_measure_board
(pcc.read.board). A choice the warehouse cannot answer is a one-line UsageError naming the
choices it can."""

from __future__ import annotations

from datetime import date

from pcc.errors import NoDataError, UsageError
from pcc.months import month_text
from pcc.read.board import (
    BOARD,
    BoardRow,
    baseline_choices,
    literal,
    period_ends,
    read_board,
    resolve_area,
)
from pcc.read.warehouse import connect_published


def kent_board(
    area: str, window_months: int, end: date | None, baseline_end: date | None
) -> list[BoardRow]:
    """Kent's (or a district's) board; `end` None: the latest complete window."""
    with connect_published() as con:
        found_area = resolve_area(con, area)
        if end is None:  # the latest complete window
            end = latest_period_end(con, found_area.code, window_months)
        check_period(con, found_area, window_months, end)
        if baseline_end:
            check_baseline(con, baseline_end)
        return read_board(con, found_area.code, window_months, end, baseline_end)


def prc_board(
    area: str, window_months: int, end: date | None, baseline_end: date | None
) -> list[BoardRow]:
    """A force's board from the public police recorded crime tables (source prc)."""
    with connect_published() as con:
        force = resolve_force(con, area)
        if end is None:  # the latest complete window in the open data
            end = latest_period_end(con, force, window_months, "prc")
        rows = read_board(con, force, window_months, end, baseline_end, source="prc")
        if not rows:
            raise UsageError(
                f"no complete {window_months}-month window ends {month_text(end)} for "
                f"{force} in the public data: {available_windows(con, force, window_months)}"
            )
        return rows


def check_period(con, area, window_months: int, period_end: date) -> None:
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


def check_baseline(con, baseline_end: date) -> None:
    choices = baseline_choices(con)
    if baseline_end not in choices:
        raise UsageError(
            f"--baseline-end {month_text(baseline_end)} is not a baseline the warehouse holds: "
            f"choose from {month_text(choices[0])} to {month_text(choices[-1])} "
            "(dbt var baseline_choices)"
        )


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


def available_windows(con, force: str, window_months: int) -> str:
    first, last = con.execute(
        f"select min(period_end), max(period_end) from {BOARD} where source = 'prc' "
        f"and area_code = {literal(force)} and window_months = {literal(window_months)}"
    ).fetchone()
    if first is None:
        return "the data has no complete window of that length"
    return f"choose a quarter end from {month_text(first)} to {month_text(last)}"
