"""Everything the pack shows, read once from the published warehouse.

The measure tables reuse pcc.measures (read_board / present) so every figure equals
`pcc measures` for the same window; the pack adds solved rates, districts, the s.136
breakdown, trend series and the refresh and quality metadata around them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from pcc.measures import (
    NATIONAL,
    Area,
    MeasureRow,
    Presented,
    Window,
    add_months,
    bind,
    build_baseline_end,
    check_period,
    present,
    read_board,
    resolve_area,
    value_of,
)
from pcc.numbers import round_half_up
from pcc.pack.comparison import comparison_section
from pcc.pack.gate import QualitySummary, read_quality_summary
from pcc.pack.period import PackPeriod
from pcc.paths import PROJECT_ROOT
from pcc.warehouse import connect_published

FORCE_AREA = "Kent"
TREND_MONTHS = 36  # rolling-year points in each trend chart
QUARTERS_SHOWN = 4  # quarters in each quarter comparison chart
S136_BREAKDOWNS = (
    ("first_place_of_safety", "First place of safety"),
    ("age_band", "Age band"),
    ("conveyance", "Conveyance"),
)


@dataclass(frozen=True)
class MeasureInfo:
    measure_id: str
    measure_name: str
    framework: str
    priority: str
    definition: str
    polarity: str
    unit: str
    kind: str
    source_name: str
    is_headline: bool
    has_solved_rate: bool
    has_district_breakdown: bool
    display_order: int


@dataclass(frozen=True)
class SolvedRate:
    rate: Decimal | None
    previous_rate: Decimal | None
    change: Decimal | None  # percentage points


@dataclass(frozen=True)
class MeasureFigures:
    info: MeasureInfo
    year: Presented  # rolling 12 months
    quarter: Presented | None  # the quarter (None if the source has no complete quarter)
    solved: SolvedRate | None


@dataclass(frozen=True)
class DistrictRow:
    district: str
    measure_id: str
    measure_name: str
    value: int | None
    previous_value: int | None


@dataclass(frozen=True)
class BreakdownRow:
    dimension: str
    category: str
    value: int
    previous_value: int


@dataclass(frozen=True)
class TrendPoint:
    period_end: date
    value: float


@dataclass(frozen=True)
class QuarterPoint:
    quarter_end: date
    value: float | None
    previous_value: float | None


@dataclass(frozen=True)
class PackData:
    period: PackPeriod
    baseline_end: date
    refreshed_at: datetime | None
    data_as_at: date | None
    synthetic: bool
    quality: QualitySummary
    measures: list[MeasureFigures]
    districts: list[DistrictRow]
    district_names: list[str]
    s136_breakdown: list[BreakdownRow]
    trends: dict[str, list[TrendPoint]]
    quarters: dict[str, list[QuarterPoint]]
    comparison_html: str | None = None  # force comparison page, when public data is loaded
    # Published figures moved by a revision of data up to the pack's period end (notes).
    revisions: tuple[str, ...] = ()

    def by_framework(self, framework: str) -> list[MeasureFigures]:
        return [m for m in self.measures if m.info.framework == framework]

    def by_priority(self, priority: str) -> list[MeasureFigures]:
        return [m for m in self.measures if m.info.priority == priority]


# --- reading ----------------------------------------------------------------------------------


def _measure_infos(con) -> dict[str, MeasureInfo]:
    rows = con.execute(
        """
        select measure_id, measure_name, framework, coalesce(priority, ''),
            coalesce(definition, ''), polarity, unit, kind, coalesce(source_name, source),
            coalesce(is_headline, false), coalesce(has_solved_rate, false),
            coalesce(has_district_breakdown, false), display_order
        from marts.dim_measures
        order by display_order, measure_id
        """
    ).fetchall()
    return {r[0]: MeasureInfo(*r) for r in rows}


def _solved_rates(con, area: Area, period_end: date) -> dict[str, SolvedRate]:
    sql = """
        select measure_id, recorded_crimes, solved_crimes,
            previous_recorded_crimes, previous_solved_crimes
        from marts.fct_measure_windows
        where area_code = $area and window_months = 12 and period_end = $period_end
            and recorded_crimes is not null
        order by measure_id
    """
    rows = con.execute(bind(sql, {"area": area.code, "period_end": period_end})).fetchall()
    out = {}
    for measure_id, recorded, solved, previous_recorded, previous_solved in rows:
        rate = round_half_up(solved * 100, recorded, 1) if recorded else None
        previous = (
            round_half_up(previous_solved * 100, previous_recorded, 1)
            if previous_recorded
            else None
        )
        change = None
        if recorded and previous_recorded:
            exact = Fraction(solved * 100, recorded) - Fraction(
                previous_solved * 100, previous_recorded
            )
            change = round_half_up(exact.numerator, exact.denominator, 1)
        out[measure_id] = SolvedRate(rate, previous, change)
    return out


def _has_window(con, area: Area, window_months: int, period_end: date) -> bool:
    try:
        check_period(con, area, window_months, period_end)
    except Exception:
        return False
    return True


def _districts(con, period: PackPeriod, baseline_end: date, infos) -> tuple[list, list[str]]:
    areas = con.execute(
        "select area_name from marts.dim_areas where area_type = 'district' order by sort_order"
    ).fetchall()
    rows, names = [], []
    for (name,) in areas:
        area = resolve_area(con, name)
        names.append(area.name)
        for row in read_board(con, area, 12, period.end, baseline_end):
            info = infos[row.measure_id]
            if row.kind != "count" or not info.has_district_breakdown:
                continue
            rows.append(
                DistrictRow(
                    district=area.name,
                    measure_id=row.measure_id,
                    measure_name=row.measure_name,
                    value=row.current.numerator,
                    previous_value=row.previous.numerator,
                )
            )
    return rows, names


def _s136_breakdown(con, period: PackPeriod) -> list[BreakdownRow]:
    out = []
    params = {
        "start": period.year_start,
        "end": period.end,
        "previous_start": add_months(period.year_start, -12),
        "previous_end": add_months(period.end, -12),
    }
    for column, label in S136_BREAKDOWNS:
        sql = f"""
            select {column},
                sum(detentions) filter (where month_start between $start and $end),
                sum(detentions) filter (where month_start between $previous_start and $previous_end)
            from marts.fct_s136_monthly
            group by {column}
            order by {column}
        """
        for category, value, previous in con.execute(bind(sql, params)).fetchall():
            out.append(BreakdownRow(label, str(category), int(value or 0), int(previous or 0)))
    return out


def _trends(con, area: Area, rows: list[MeasureRow], period_end: date) -> dict:
    by_id = {r.measure_id: r for r in rows}
    sql = """
        select measure_id, period_end, numerator, denominator
        from marts.fct_measure_windows
        where area_code = $area and window_months = 12
            and period_end between $first and $last
        order by measure_id, period_end
    """
    params = {
        "area": area.code,
        "first": add_months(period_end, 1 - TREND_MONTHS),
        "last": period_end,
    }
    out: dict[str, list[TrendPoint]] = {}
    for measure_id, end, numerator, denominator in con.execute(bind(sql, params)).fetchall():
        row = by_id.get(measure_id)
        if row is None:
            continue
        value = value_of(row, Window(numerator, denominator))
        if value is not None:
            out.setdefault(measure_id, []).append(TrendPoint(end, float(value)))
    return out


def _quarters(con, area: Area, rows: list[MeasureRow], period_end: date) -> dict:
    by_id = {r.measure_id: r for r in rows}
    ends = [add_months(period_end, -3 * i) for i in reversed(range(QUARTERS_SHOWN))]
    sql = """
        select measure_id, period_end, numerator, denominator,
            previous_numerator, previous_denominator
        from marts.fct_measure_windows
        where area_code = $area and window_months = 3 and list_contains($ends, period_end)
        order by measure_id, period_end
    """
    out: dict[str, list[QuarterPoint]] = {}
    for r in con.execute(bind(sql, {"area": area.code, "ends": ends})).fetchall():
        row = by_id.get(r[0])
        if row is None:
            continue
        now = value_of(row, Window(r[2], r[3]))
        then = value_of(row, Window(r[4], r[5]))
        out.setdefault(r[0], []).append(
            QuarterPoint(
                r[1],
                None if now is None else float(now),
                None if then is None else float(then),
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


def load_pack_data(period: PackPeriod) -> PackData:
    with connect_published() as con:
        kent = resolve_area(con, FORCE_AREA)
        check_period(con, kent, 12, period.end)
        baseline_end = build_baseline_end(con)
        infos = _measure_infos(con)
        year_rows = read_board(con, kent, 12, period.end, baseline_end)
        quarter_rows = (
            read_board(con, kent, 3, period.end, baseline_end)
            if _has_window(con, kent, 3, period.end)
            else []
        )
        quarter_by_id = {r.measure_id: present(r) for r in quarter_rows}
        solved = _solved_rates(con, kent, period.end)
        measures = [
            MeasureFigures(
                info=infos[r.measure_id],
                year=present(r),
                quarter=quarter_by_id.get(r.measure_id),
                solved=solved.get(r.measure_id) if infos[r.measure_id].has_solved_rate else None,
            )
            for r in year_rows
        ]
        districts, district_names = _districts(con, period, baseline_end, infos)
        refreshed_at, data_as_at = _refresh_info(con)
        return PackData(
            period=period,
            baseline_end=baseline_end,
            refreshed_at=refreshed_at,
            data_as_at=data_as_at,
            synthetic=_is_synthetic(con),
            quality=read_quality_summary(con),
            measures=measures,
            districts=districts,
            district_names=district_names,
            s136_breakdown=_s136_breakdown(con, period),
            trends=_trends(con, kent, year_rows, period.end),
            quarters=_quarters(con, kent, year_rows, period.end),
            comparison_html=comparison_section(con, period.end),
            revisions=_revisions(con, period.end),
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


def national(data: PackData) -> list[MeasureFigures]:
    return data.by_framework(NATIONAL)
