"""Force ranking rows: marts.fct_force_ranking as `pcc compare` and the explorer show them.

Every figure (value, ranks, MSG and national figures, change in rank) is computed and rounded
in dbt; these readers only select the rows of one measure, window and period end.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from pcc.errors import NoDataError, UsageError
from pcc.months import month_text
from pcc.read.board import literal
from pcc.read.warehouse import connect_published

RANKING = "marts.fct_force_ranking"


@dataclass(frozen=True)
class RankingRow:
    measure_id: str
    measure_name: str
    compared_value: str
    value_unit: str
    value_decimals: int
    polarity: str
    window_months: int
    period_start: date
    period_end: date
    force_name: str
    is_kent: bool
    is_msg: bool
    value_rounded: Decimal | None
    force_rank: int | None
    forces_ranked: int
    value_order: int | None
    force_rank_year_earlier: int | None
    rank_change: int | None
    msg_rank: int | None
    msg_forces_ranked: int
    msg_forces: int
    msg_value_rounded: Decimal | None
    national_forces: int
    national_value_rounded: Decimal | None


COLUMNS = ", ".join(f.name for f in fields(RankingRow))


def has_ranking(con) -> bool:
    sql = """
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name = 'fct_force_ranking'
    """
    return con.execute(sql).fetchone()[0] == 1


def ranking_choices(con) -> list[tuple[str, str, int, date]]:
    """(measure_id, measure_name, window_months, period_end) with a ranking, latest first."""
    if not has_ranking(con):
        return []
    return con.execute(
        f"""
        select distinct measure_id, measure_name, window_months, period_end from {RANKING}
        order by measure_id, window_months, period_end desc
        """
    ).fetchall()


def read_ranking(con, measure_id: str, window_months: int, period_end: date) -> list[RankingRow]:
    """Every territorial force's row in the sorted chart's order (best first, or highest first
    for a context-only measure), then those without a value by name."""
    rows = con.execute(
        f"""
        select {COLUMNS} from {RANKING}
        where measure_id = {literal(measure_id)} and window_months = {literal(window_months)}
            and period_end = {literal(period_end)}
        order by value_order nulls last, force_name
        """
    ).fetchall()
    return [RankingRow(*r) for r in rows]


def force_rankings(con, force_name: str, period_end: date, window_months: int) -> list[RankingRow]:
    """The force's row of every ranked measure for one window, in the board's measure order
    (comparison-only measures last); empty when the warehouse has no ranking for that window."""
    if not has_ranking(con):
        return []
    rows = con.execute(
        f"""
        select {COLUMNS} from {RANKING}
        where force_name = {literal(force_name)}
            and window_months = {literal(window_months)}
            and period_end = {literal(period_end)}
        order by display_order, measure_id
        """
    ).fetchall()
    return [RankingRow(*r) for r in rows]


def msg_source(con) -> str | None:
    """The publication Kent's most similar group comes from; None while none is loaded."""
    row = con.execute("select min(msg_source) from marts.dim_forces where is_msg").fetchone()
    return row[0] if row else None


def load_ranking(
    measure: str, end: date, window_months: int | None
) -> tuple[list[RankingRow], str | None]:
    """The ranked rows of one measure, window and period end, and the MSG's cited source;
    a usage error names the choices the warehouse holds."""
    with connect_published() as con:
        choices = ranking_choices(con)
        if not choices:
            raise NoDataError(
                "no force ranking in the warehouse: load the Home Office 999 data or police "
                "recorded crime tables and run `pcc refresh`"
            )
        measures = sorted({c[0] for c in choices})
        if measure not in measures:
            raise UsageError(f"unknown --measure {measure!r}: choose one of {', '.join(measures)}")
        windows = sorted({c[2] for c in choices if c[0] == measure})
        window = windows[0] if window_months is None else window_months
        if window not in windows:
            shown = ", ".join(str(w) for w in windows)
            raise UsageError(f"--window-months must be one of {shown} for {measure}")
        ends = sorted(c[3] for c in choices if c[0] == measure and c[2] == window)
        if end not in ends:
            raise UsageError(
                f"no {window}-month window of {measure} ends {month_text(end)}: choose a period "
                f"end from {month_text(ends[0])} to {month_text(ends[-1])}"
            )
        return read_ranking(con, measure, window, end), msg_source(con)
