"""Everything the pack shows, read once, through one connection, into one PackData.

The measure figures are rows of marts.fct_measure_board (pcc.read.board), exactly as `pcc
measures` shows them: rounded once in dbt, with their verdicts and disclosure flags. The pack
adds the trend marts (significance intervals, SPC signals, target trajectories), the force
comparison and ranking, the s.136 breakdown and the refresh and quality metadata around them. The workbook
and the PDF are pure functions of the PackData this module returns: nothing after it reads the
warehouse, so both come from the same build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pcc.errors import UsageError
from pcc.months import QUARTER_END_MONTHS, month_text
from pcc.pack.comparison import ComparisonRow, read_comparison
from pcc.pack.gate import QualitySummary, read_quality_summary
from pcc.pack.period import PackPeriod, Span
from pcc.pack.trend import TrendFacts, read_trend_facts
from pcc.paths import PROJECT_ROOT
from pcc.read.board import Area, BoardRow, period_ends, read_board
from pcc.read.ranking import RankingRow, force_rankings, msg_source
from pcc.read.warehouse import connect_published

TREND_POINTS = 36  # rolling-year points in each trend chart
QUARTERS_SHOWN = 4  # quarters in each quarter comparison chart
RANKING_WINDOW_MONTHS = 12  # the force ranking page: 12 months to the pack's quarter end


@dataclass(frozen=True)
class MeasureInfo:
    """What the board does not carry: the source's name and where the pack shows a measure."""

    measure_id: str
    source_name: str
    is_headline: bool
    has_district_breakdown: bool


@dataclass(frozen=True)
class MeasureFigures:
    info: MeasureInfo
    year: BoardRow  # rolling 12 months, the force
    quarter: BoardRow | None  # the quarter (None if the source has no complete quarter)


@dataclass(frozen=True)
class BreakdownRow:
    """s.136 detentions in one category, rolling year and the year before, as published
    (marts.fct_s136_breakdowns: exact counts with the cells disclosure control withholds)."""

    dimension: str
    category: str
    value: int
    previous_value: int
    change: int
    pct_change: Decimal | None
    value_withheld: bool
    previous_withheld: bool
    change_withheld: bool


@dataclass(frozen=True)
class TrendPoint:
    period_end: date
    value: float


@dataclass(frozen=True)
class QuarterPoint:
    quarter: Span
    value: float | None
    previous_value: float | None


@dataclass(frozen=True)
class PackData:
    period: PackPeriod
    force: Area
    baseline_end: date
    refreshed_at: datetime | None
    data_as_at: date | None
    synthetic: bool
    quality: QualitySummary
    measures: list[MeasureFigures]
    districts: list[BoardRow]  # 12-month district rows of the measures broken down by district
    district_names: list[str]
    s136_breakdown: list[BreakdownRow]
    trends: dict[str, list[TrendPoint]]
    quarters: dict[str, list[QuarterPoint]]
    trend: TrendFacts | None = None  # None: the warehouse has no trend marts
    comparison: list[ComparisonRow] | None = None  # None: no public data covers the window
    # The force's rank on every measure of marts.fct_force_ranking (12 months); empty: none.
    ranking: list[RankingRow] = field(default_factory=list)
    msg_source: str | None = None  # the cited publication of Kent's most similar group
    # Published figures moved by a revision of data up to the pack's period end (notes).
    revisions: tuple[str, ...] = ()

    def sections(self) -> list[tuple[str, list[MeasureFigures]]]:
        """(board_section, its measures) in board order."""
        out: dict[str, list[MeasureFigures]] = {}
        for m in self.measures:
            out.setdefault(m.year.board_section, []).append(m)
        return list(out.items())

    def headline(self) -> list[MeasureFigures]:
        return [m for m in self.measures if m.info.is_headline]


# --- reading ----------------------------------------------------------------------------------


def _force(con) -> Area:
    code, name, area_type = con.execute(
        "select area_code, area_name, area_type from marts.dim_areas "
        "where area_type = 'force' order by sort_order limit 1"
    ).fetchone()
    return Area(code, name, area_type)


def _districts(con) -> list[Area]:
    rows = con.execute(
        "select area_code, area_name, area_type from marts.dim_areas "
        "where area_type = 'district' order by sort_order"
    ).fetchall()
    return [Area(*r) for r in rows]


def _measure_infos(con) -> dict[str, MeasureInfo]:
    rows = con.execute(
        """
        select measure_id, coalesce(source_name, source), coalesce(is_headline, false),
            coalesce(has_district_breakdown, false)
        from marts.dim_measures
        """
    ).fetchall()
    return {r[0]: MeasureInfo(*r) for r in rows}


def _check_period(con, force: Area, end: date) -> list[date]:
    ends = period_ends(con, force.code, 12)
    if end not in ends:
        available = (
            f"choose a quarter end from {month_text(ends[-1])} to {month_text(ends[0])}"
            if ends
            else "the warehouse has none"
        )
        raise UsageError(
            f"no complete 12-month window ends {month_text(end)} for {force.name}: {available}"
        )
    return ends


def _s136_breakdown(con, year: BoardRow) -> list[BreakdownRow]:
    """Detentions by category over the board's rolling year and the year before it."""
    rows = con.execute(
        """
        select
            dimension_label, category_label, detentions, previous_detentions, change,
            pct_change_rounded, detentions_suppressed, previous_detentions_suppressed,
            change_suppressed
        from marts.fct_s136_breakdowns
        where area_code = ? and window_months = ? and period_end = ?
        order by dimension, category_order, category
        """,
        [year.area_code, year.window_months, year.period_end],
    ).fetchall()
    return [BreakdownRow(*r) for r in rows]


def _float(value) -> float | None:
    return None if value is None else float(value)


def _trends(con, force: Area, ends: list[date], end: date, wanted: set[str]) -> dict:
    """The rolling year's value at each of the last TREND_POINTS month-ends, as the board
    rounds it, for the charted measures."""
    out: dict[str, list[TrendPoint]] = {}
    for point in sorted(e for e in ends if e <= end)[-TREND_POINTS:]:
        for row in read_board(con, force.code, 12, point):
            if row.measure_id in wanted and row.value_rounded is not None:
                out.setdefault(row.measure_id, []).append(
                    TrendPoint(point, float(row.value_rounded))
                )
    return out


def _quarters(con, force: Area, end: date, wanted: set[str]) -> dict:
    """The last QUARTERS_SHOWN quarters (3-month windows ending a quarter end) against the
    same quarters a year earlier."""
    quarter_ends = [
        e for e in period_ends(con, force.code, 3) if e <= end and e.month in QUARTER_END_MONTHS
    ]
    out: dict[str, list[QuarterPoint]] = {}
    for point in sorted(quarter_ends[:QUARTERS_SHOWN]):
        for row in read_board(con, force.code, 3, point):
            if row.measure_id in wanted:
                out.setdefault(row.measure_id, []).append(
                    QuarterPoint(
                        Span(row.period_start, row.period_end),
                        _float(row.value_rounded),
                        _float(row.previous_value_rounded),
                    )
                )
    return out


def _refresh_info(con) -> tuple[datetime | None, date | None]:
    exists = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'meta' and table_name = 'refresh_info'"
    ).fetchone()[0]
    if not exists:
        return None, None
    row = con.execute("select refreshed_at, data_as_at from meta.refresh_info").fetchone()
    return (row[0], row[1]) if row else (None, None)


def _sample_hashes() -> set[str]:
    """SHA-256 of the committed synthetic sample extracts."""
    raw = PROJECT_ROOT / "data" / "raw"
    if not raw.exists():
        return set()
    return {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(raw.rglob("*"))
        if p.is_file() and p.name.endswith((".csv", ".csv.gz"))
    }


def _is_synthetic(con) -> bool:
    """True if any loaded extract is one of the committed synthetic sample files."""
    try:
        loaded = con.execute("select distinct file_sha256 from landing.load_manifest").fetchall()
    except Exception:
        return False
    return bool({h for (h,) in loaded} & _sample_hashes())


def read_pack_data(con, end: date) -> PackData:
    """The pack for the quarter ending `end`, from one open connection."""
    force = _force(con)
    ends = _check_period(con, force, end)
    infos = _measure_infos(con)
    year_rows = read_board(con, force.code, 12, end)
    quarter_rows = read_board(con, force.code, 3, end)
    if not year_rows or not quarter_rows:
        raise UsageError(f"no complete quarter ends {month_text(end)} for {force.name}")
    quarter_by_id = {r.measure_id: r for r in quarter_rows}
    measures = [
        MeasureFigures(infos[r.measure_id], r, quarter_by_id.get(r.measure_id)) for r in year_rows
    ]
    charted = {m.info.measure_id for m in measures if m.info.is_headline}
    broken_down = {
        m.info.measure_id
        for m in measures
        if m.info.has_district_breakdown and m.year.kind == "count"
    }
    districts = _districts(con)
    district_rows = [
        row
        for area in districts
        for row in read_board(con, area.code, 12, end)
        if row.measure_id in broken_down
    ]
    refreshed_at, data_as_at = _refresh_info(con)
    return PackData(
        period=PackPeriod.from_rows(year_rows[0], quarter_rows[0]),
        force=force,
        baseline_end=year_rows[0].baseline_end,
        refreshed_at=refreshed_at,
        data_as_at=data_as_at,
        synthetic=_is_synthetic(con),
        quality=read_quality_summary(con),
        measures=measures,
        districts=district_rows,
        district_names=[a.name for a in districts],
        s136_breakdown=_s136_breakdown(con, year_rows[0]),
        trends=_trends(con, force, ends, end, charted),
        quarters=_quarters(con, force, end, charted),
        trend=read_trend_facts(con, force.code, end),
        comparison=read_comparison(con, end, force.name),
        ranking=force_rankings(con, force.name, end, RANKING_WINDOW_MONTHS),
        msg_source=msg_source(con),
        revisions=_revisions(con, end),
    )


def _revisions(con, period_end: date) -> tuple[str, ...]:
    """'F151: revised since publication: ...' for each published figure a revision moved,
    where the revising load starts within the months the pack reads."""
    rows = con.execute(
        """
        select figure.figure_id, figure.explanation
        from marts.fct_reconciliation as figure
        inner join landing.load_manifest as load on figure.revised_by_load_id = load.load_id
        where figure.status = 'revised since publication' and load.first_month <= ?
        order by figure.figure_id
        """,
        [period_end],
    ).fetchall()
    return tuple(f"{figure_id}: {explanation}" for figure_id, explanation in rows)


def load_pack_data(end: date) -> PackData:
    """Open the published warehouse once and read the whole pack from it."""
    with connect_published() as con:
        return read_pack_data(con, end)
