"""The pack's force comparison page: where Kent ranks among the 43 territorial forces.

From the public police recorded crime open data marts (fct_force_comparison), for the pack's
quarter end. Returns None when the warehouse has no public data for that quarter, so the pack
simply leaves the page out. Percentages are computed exactly from the integer counts and
rounded half-up here, at presentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from html import escape

from pcc.numbers import round_fraction_half_up

DASH = "–"
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
    offences: int
    previous_offences: int | None
    rank_vs_previous_year: int | None
    forces_ranked_vs_previous_year: int
    peer_rank_vs_previous_year: int | None
    baseline_offences: int | None
    rank_vs_baseline: int | None
    forces_ranked_vs_baseline: int
    peer_rank_vs_baseline: int | None
    peers: int

    @property
    def pct_change(self) -> Fraction | None:
        return _pct(self.offences, self.previous_offences)

    @property
    def pct_change_vs_baseline(self) -> Fraction | None:
        return _pct(self.offences, self.baseline_offences)


def _pct(now: int, then: int | None) -> Fraction | None:
    return None if not then else Fraction((now - then) * 100, then)


def _has_comparison(con) -> bool:
    sql = """
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name = 'fct_force_comparison'
    """
    return con.execute(sql).fetchone()[0] == 1


def comparison_rows(
    con, period_end: date, window_months: int = 12, force: str = "Kent"
) -> list[ComparisonRow] | None:
    """Kent's (or `force`'s) row per measure for the window ending period_end, or None."""
    if not _has_comparison(con):
        return None
    ids = ", ".join(f"'{m}'" for m in MEASURES)
    # Values are inlined (validated types): DuckDB parameter binding would import pandas.
    rows = con.execute(
        f"""
        with peers as (
            select measure_id, count(*) filter (where is_peer) as peers
            from marts.fct_force_comparison
            where window_months = {int(window_months)} and period_end = date '{period_end}'
            group by measure_id
        )
        select
            c.measure_id, m.measure_name, c.offences, c.previous_offences,
            c.rank_vs_previous_year, c.forces_ranked_vs_previous_year,
            c.peer_rank_vs_previous_year, c.baseline_offences, c.rank_vs_baseline,
            c.forces_ranked_vs_baseline, c.peer_rank_vs_baseline, peers.peers
        from marts.fct_force_comparison as c
        inner join marts.dim_measures as m on c.measure_id = m.measure_id
        inner join peers on c.measure_id = peers.measure_id
        where c.window_months = {int(window_months)} and c.period_end = date '{period_end}'
            and c.force_name = '{force.replace("'", "''")}'
            and c.measure_id in ({ids})
        """
    ).fetchall()
    if not rows:
        return None
    order = {m: i for i, m in enumerate(MEASURES)}
    return sorted((ComparisonRow(*r) for r in rows), key=lambda r: order[r.measure_id])


def _pct_text(value: Fraction | None) -> str:
    if value is None:
        return DASH
    rounded = round_fraction_half_up(value, 1)
    return f"{'+' if rounded > 0 else ''}{rounded:,}%"


def _rank_text(rank: int | None, out_of: int) -> str:
    return DASH if rank is None else f"{rank} of {out_of}"


def comparison_section(
    con, period_end: date, window_months: int = 12, force: str = "Kent"
) -> str | None:
    """The HTML <section> for the pack, or None when no public data covers the window."""
    rows = comparison_rows(con, period_end, window_months, force)
    if rows is None:
        return None
    headers = (
        "Measure",
        "Offences",
        "% vs previous year",
        "Rank",
        "Peer rank",
        "% vs baseline",
        "Rank",
        "Peer rank",
    )
    head = "".join(
        f'<th class="{"l" if i == 0 else ""}">{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = []
    for r in rows:
        cells = (
            r.measure_name,
            f"{r.offences:,}",
            _pct_text(r.pct_change),
            _rank_text(r.rank_vs_previous_year, r.forces_ranked_vs_previous_year),
            _rank_text(r.peer_rank_vs_previous_year, r.peers),
            _pct_text(r.pct_change_vs_baseline),
            _rank_text(r.rank_vs_baseline, r.forces_ranked_vs_baseline),
            _rank_text(r.peer_rank_vs_baseline, r.peers),
        )
        tds = "".join(
            f'<td class="{"l" if i == 0 else ""}">{escape(c)}</td>' for i, c in enumerate(cells)
        )
        body.append(f"<tr>{tds}</tr>")
    period = f"{window_months} months to {period_end:%B %Y}"
    return (
        f"<section><h2>How {escape(force)} compares with other forces</h2>"
        f"<p>Recorded crime, {escape(period)}, against the previous year and the baseline.</p>"
        f'<table class="data wide"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<p class="note">{escape(NOTE)}</p></section>'
    )
