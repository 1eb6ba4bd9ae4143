"""Board rows: one row of marts.fct_measure_board per measure, as every output shows it.

`pcc measures`, the explorer and the pack all read the board through `read_board`, so they
show the same rounded figures, verdicts and disclosure state for the same area, window,
period end and baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from pcc.errors import UsageError

BOARD = "marts.fct_measure_board"


def literal(value) -> str:
    """A SQL literal for a date, int or str. DuckDB's parameter binding imports pandas
    (about 0.4 s), which `pcc measures` must not pay, so these known types are inlined."""
    if isinstance(value, date):
        return f"date '{value.isoformat()}'"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"no SQL literal for {value!r}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def _where(**equal) -> str:
    return " and ".join(f"{column} = {literal(value)}" for column, value in equal.items())


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    area_type: str


@dataclass(frozen=True)
class BoardRow:
    measure_id: str
    measure_name: str
    framework: str
    priority: str
    board_section: str
    board_order: int
    definition: str
    kind: str
    unit: str
    polarity: str
    area_code: str
    area_name: str
    area_type: str
    window_months: int
    period_start: date
    period_end: date
    previous_period_start: date
    previous_period_end: date
    baseline_end: date
    baseline_period_start: date
    baseline_period_end: date
    numerator: int | None
    denominator: int | None
    value_decimals: int
    value_rounded: Decimal | None
    previous_value_rounded: Decimal | None
    change_rounded: Decimal | None
    pct_change_rounded: Decimal | None
    baseline_value_rounded: Decimal | None
    change_vs_baseline_rounded: Decimal | None
    pct_change_vs_baseline_rounded: Decimal | None
    significance_vs_previous: str | None
    verdict_vs_previous: str | None
    significance_vs_baseline: str | None
    verdict_vs_baseline: str | None
    recorded_crimes: int | None
    solved_rate_rounded: Decimal | None
    previous_solved_rate_rounded: Decimal | None
    solved_rate_change_rounded: Decimal | None
    solved_rate_significance: str | None
    solved_rate_verdict: str | None
    is_about_people: bool
    value_suppressed: bool
    previous_value_suppressed: bool
    baseline_value_suppressed: bool
    change_suppressed: bool
    change_vs_baseline_suppressed: bool


COLUMNS = tuple(f.name for f in fields(BoardRow))


def resolve_area(con, wanted: str) -> Area:
    """The area named (by name, ONS code or a former name), or a usage error listing them."""
    rows = con.execute(
        """
        select area_code, area_name, area_type, coalesce(alternative_names, '')
        from marts.dim_areas
        order by sort_order
        """
    ).fetchall()
    key = wanted.strip().casefold()
    for code, name, area_type, alternatives in rows:
        names = {code.casefold(), name.casefold()}
        names |= {a.strip().casefold() for a in alternatives.split(";") if a.strip()}
        if key in names:
            return Area(code, name, area_type)
    choices = ", ".join(name for _, name, *_ in rows)
    raise UsageError(f"unknown area {wanted!r}: choose one of {choices} (or an ONS area code)")


def default_baseline_end(con) -> date:
    """The build's baseline (dbt var baseline_end)."""
    return con.execute(
        f"select max(baseline_end) from {BOARD} where is_default_baseline"
    ).fetchone()[0]


def baseline_choices(con) -> list[date]:
    rows = con.execute(f"select distinct baseline_end from {BOARD} order by 1").fetchall()
    return [r[0] for r in rows]


def period_ends(
    con, area_code: str, window_months: int, source: str = "extract", measure_id: str | None = None
) -> list[date]:
    """Month-ends with a complete window for the area (of measure_id, if given), newest first."""
    where = _where(source=source, area_code=area_code, window_months=window_months)
    if measure_id is not None:
        where += f" and {_where(measure_id=measure_id)}"
    rows = con.execute(
        f"""
        select distinct period_end from {BOARD}
        where {where} and is_default_baseline
        order by period_end desc
        """
    ).fetchall()
    return [r[0] for r in rows]


def read_board(
    con,
    area_code: str,
    window_months: int,
    period_end: date,
    baseline_end: date | None = None,
    source: str = "extract",
) -> list[BoardRow]:
    """The board for one window, in board order (National measures, then the Plan by priority).

    source "prc": a force's board from the Home Office open data (area_code = force name)."""
    where = _where(
        source=source, area_code=area_code, window_months=window_months, period_end=period_end
    )
    baseline = "is_default_baseline" if baseline_end is None else _where(baseline_end=baseline_end)
    rows = con.execute(
        f"select {', '.join(COLUMNS)} from {BOARD} where {where} and {baseline} order by board_order"
    ).fetchall()
    return [BoardRow(*row) for row in rows]


def read_measure_areas(
    con, measure_id: str, window_months: int, period_end: date, baseline_end: date | None = None
) -> list[BoardRow]:
    """One measure for every area (the force first, then districts by name)."""
    where = _where(
        source="extract", measure_id=measure_id, window_months=window_months, period_end=period_end
    )
    baseline = "is_default_baseline" if baseline_end is None else _where(baseline_end=baseline_end)
    columns = ", ".join(f"board.{c}" for c in COLUMNS)
    rows = con.execute(
        f"""
        select {columns} from {BOARD} as board
        inner join marts.dim_areas as areas using (area_code)
        where {where} and {baseline}
        order by areas.sort_order
        """
    ).fetchall()
    return [BoardRow(*row) for row in rows]
