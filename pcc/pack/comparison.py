"""The pack's force comparison page: where the force ranks among the territorial forces.

Rows of marts.fct_force_comparison_board (the public police recorded crime open data) for the
pack's window: counts, % changes rounded once in dbt, ranks and the peer-group size. None when
the warehouse has no public data for that window, so the pack simply leaves the page out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pcc.read.board import literal

TABLE = "fct_force_comparison_board"
# The measures shown, in order (those the tables support; others are left out).
MEASURES = (
    "homicide",
    "violence_with_injury",
    "robbery",
    "robbery_personal",
    "neighbourhood_crime",
    "drug_offences",
    "victim_based_crime",
)
NOTE = (
    "Source: Home Office police recorded crime open data tables (quarterly, by police force "
    "area). Rank 1 = the largest fall among the territorial forces with a comparison; "
    "national fraud bodies and British Transport Police are not ranked. Peer group: the "
    "peer_group seed. Percentages rounded half-up."
)


@dataclass(frozen=True)
class ComparisonRow:
    measure_id: str
    measure_name: str
    window_months: int
    offences: int
    pct_change_rounded: Decimal | None
    rank_vs_previous_year: int | None
    forces_ranked_vs_previous_year: int
    peer_rank_vs_previous_year: int | None
    pct_change_vs_baseline_rounded: Decimal | None
    rank_vs_baseline: int | None
    forces_ranked_vs_baseline: int
    peer_rank_vs_baseline: int | None
    peers: int


def _has_comparison(con) -> bool:
    sql = f"""
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name = '{TABLE}'
    """
    return con.execute(sql).fetchone()[0] == 1


def read_comparison(
    con, period_end: date, force: str, window_months: int = 12
) -> list[ComparisonRow] | None:
    """The force's row per measure for the window ending period_end, or None."""
    if not _has_comparison(con):
        return None
    ids = ", ".join(literal(m) for m in MEASURES)
    rows = con.execute(
        f"""
        select measure_id, measure_name, window_months, offences,
            pct_change_rounded, rank_vs_previous_year, forces_ranked_vs_previous_year,
            peer_rank_vs_previous_year, pct_change_vs_baseline_rounded, rank_vs_baseline,
            forces_ranked_vs_baseline, peer_rank_vs_baseline, peers
        from marts.{TABLE}
        where window_months = {literal(window_months)} and period_end = {literal(period_end)}
            and force_name = {literal(force)} and measure_id in ({ids})
        """
    ).fetchall()
    if not rows:
        return None
    order = {m: i for i, m in enumerate(MEASURES)}
    return sorted((ComparisonRow(*r) for r in rows), key=lambda r: order[r.measure_id])
