"""Trend facts for the pack: significance of each count's change, SPC readings and signals, targets.

Read from the trend marts (models/marts/trend) through the pack's one connection (pcc.pack.data).
Everything is as at the pack's period end: the SPC readings and signals are the as-at marts' rows
for as_at_month = the period end (computed in dbt from the months up to it), so later data never
changes a pack. A warehouse built before those marts existed gives None, and the pack says so
instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcc.read.board import literal

TREND_TABLES = (
    "fct_measure_change_significance",
    "fct_spc_signals_as_at",
    "fct_spc_summary_as_at",
    "fct_target_trajectory",
)


@dataclass(frozen=True)
class ChangeSignificance:
    """95% Poisson interval of a count's % change; is_significant None = no comparison."""

    is_significant: bool | None
    lower: float | None
    upper: float | None
    is_significant_vs_baseline: bool | None
    baseline_lower: float | None
    baseline_upper: float | None


@dataclass(frozen=True)
class Signal:
    measure_id: str
    measure_name: str
    signal_type: str
    assessment: str
    since_month: date
    latest_month: date
    reading: str


@dataclass(frozen=True)
class SpcReading:
    """A measure's one Making Data Count reading (marts.fct_spc_summary_as_at)."""

    measure_id: str
    measure_name: str
    reading_month: date
    has_provisional_months: bool
    variation: str
    direction: str | None
    assurance: str | None
    target_value: float | None
    phase: int
    phase_start: date


@dataclass(frozen=True)
class TargetStatus:
    target_id: str
    measure_id: str
    measure_name: str
    period_end: date
    start_period_end: str
    target_period_end: str
    start_value: float
    target_value: float
    path_value: float | None
    actual_value: float | None
    status: str | None
    source: str


@dataclass(frozen=True)
class TrendFacts:
    significance: dict[str, ChangeSignificance]  # 12 months to the pack's period end, Kent
    signals: list[Signal]  # live at the pack's period end, Kent
    signals_month: date | None  # the period end the signals are as at
    targets: list[TargetStatus]  # at the pack's period end
    readings: list[SpcReading]  # one per charted measure, as at the period end, Kent

    def significance_of(self, measure_id: str) -> ChangeSignificance | None:
        return self.significance.get(measure_id)


def _present(con) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'marts' "
        f"and table_name in ({', '.join(repr(t) for t in TREND_TABLES)})"
    ).fetchone()[0]
    return found == len(TREND_TABLES)


def read_trend_facts(con, area_code: str, period_end: date) -> TrendFacts | None:
    """The force's trend facts for the pack, or None when the warehouse has no trend marts."""
    if not _present(con):
        return None
    area, end = literal(area_code), literal(period_end)
    significance = {
        r[0]: ChangeSignificance(*r[1:])
        for r in con.execute(
            f"""
                select measure_id, is_significant, pct_change_lower, pct_change_upper,
                    is_significant_vs_baseline, pct_change_vs_baseline_lower,
                    pct_change_vs_baseline_upper
                from marts.fct_measure_change_significance
                where area_code = {area} and window_months = 12 and period_end = {end}
                """
        ).fetchall()
    }
    signals = [
        Signal(*r)
        for r in con.execute(
            f"""
                select signals.measure_id, signals.measure_name, signals.signal_type,
                    signals.assessment, signals.since_month, signals.latest_month, signals.reading
                from marts.fct_spc_signals_as_at as signals
                inner join marts.dim_measures as measures
                    on signals.measure_id = measures.measure_id
                where signals.area_code = {area} and signals.as_at_month = {end}
                order by measures.display_order, signals.signal_type
                """
        ).fetchall()
    ]
    readings = [
        SpcReading(*r)
        for r in con.execute(
            f"""
                select summary.measure_id, summary.measure_name, summary.reading_month,
                    summary.has_provisional_months, summary.variation, summary.direction,
                    summary.assurance, summary.target_value, summary.phase, summary.phase_start
                from marts.fct_spc_summary_as_at as summary
                inner join marts.dim_measures as measures
                    on summary.measure_id = measures.measure_id
                where summary.area_code = {area} and summary.as_at_month = {end}
                order by measures.display_order
                """
        ).fetchall()
    ]
    targets = [
        TargetStatus(*r)
        for r in con.execute(
            f"""
                select trajectory.target_id, trajectory.measure_id, trajectory.measure_name,
                    trajectory.period_end, targets.start_period_end, targets.target_period_end,
                    trajectory.start_value, trajectory.target_value, trajectory.path_value,
                    trajectory.actual_value, trajectory.status, targets.source
                from marts.fct_target_trajectory as trajectory
                inner join reference.targets as targets
                    on trajectory.target_id = targets.target_id
                where trajectory.period_end = {end}
                order by trajectory.target_id
                """
        ).fetchall()
    ]
    return TrendFacts(significance, signals, period_end if readings else None, targets, readings)
