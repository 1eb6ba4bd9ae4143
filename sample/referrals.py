"""Monthly returns of the victim services the PCC commissions, calibrated to the annual report.

Kent Advocacy and Support Service (delivered by Victim Support) takes nine referrals in ten;
specialist services (16 domestic abuse services, 2 sexual violence services, stalking, young
victims, restorative justice) take the rest. Names of the specialist providers are placeholders.
Support continues for victims referred earlier, so 'supported' can exceed referrals in a month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from sample.calibrate import calibrated_counts, smooth_adjust, spread_delta
from sample.register import Figure, figures_for, resolve_counts
from sample.shapes import monthly_series, trend, yearly
from sample.timeline import MONTHS, N_MONTHS, window_mask

KASS = "Kent Advocacy and Support Service"


@dataclass(frozen=True)
class Block:
    """Rows of the return that share a trend: one service, one or more providers/categories."""

    name: str
    service: str
    rows: tuple[tuple[str, str, float], ...]  # (provider, crime_category, share of the block)
    referrals: dict[float, float]  # annual referrals at mid-year knots
    supported_per_referral: float
    contacted_share: float
    reported_before_share: float  # of supported
    empowered_share: float  # of supported
    coping_share: float  # of supported


def _providers(prefix: str, count: int, category: str) -> tuple[tuple[str, str, float], ...]:
    weights = np.linspace(1.6, 0.4, count)
    return tuple(
        (f"{prefix} {i + 1:02d}", category, float(w / weights.sum())) for i, w in enumerate(weights)
    )


BLOCKS = (
    Block("kass", KASS, (("Victim Support", "all crime", 0.95), ("Victim Support", "hate crime", 0.05)),
          yearly(62000, 70000, 76000, 84000, 87500, 90500, 93500, 97000), 1.0, 0.80, 0.93, 0.002, 0.004),
    Block("domestic_abuse", "Specialist domestic abuse services",
          _providers("Domestic abuse service", 16, "domestic abuse"),
          yearly(3500, 3900, 4400, 4700, 4900, 5000, 5200, 5300), 0.88, 0.93, 0.55, 0.07, 0.62),
    Block("sexual_violence", "Sexual violence support services",
          _providers("Sexual violence service", 2, "sexual violence"),
          yearly(2200, 2500, 2700, 2900, 3000, 3100, 3200, 3300), 0.95, 0.95, 0.45, 0.08, 0.62),
    Block("stalking", "Stalking advocacy service", (("Stalking advocacy provider", "stalking", 1.0),),
          yearly(300, 450, 550, 620, 680, 700, 750, 800), 0.93, 0.92, 0.75, 0.09, 0.6),
    Block("young_victims", "Young victims service",
          (("Young victims provider", "children and young people", 1.0),),
          yearly(1300, 1350, 1300, 1400, 1450, 1500, 1550, 1600), 0.93, 0.9, 0.6, 0.04, 0.6),
    Block("restorative_justice", "Restorative justice service",
          (("Restorative justice provider", "restorative justice", 1.0),),
          yearly(450, 420, 300, 350, 380, 400, 420, 430), 0.9, 0.9, 0.9, 0.01, 0.55),
    Block("other", "Other commissioned services", (("Other providers", "other", 1.0),),
          yearly(700, 750, 800, 800, 820, 814, 830, 850), 0.9, 0.9, 0.7, 0.04, 0.4),
)  # fmt: skip
# Measures over the return: (column, blocks counted).
ALL = tuple(b.name for b in BLOCKS)
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "victim_referrals": ("referrals_received", ALL),
    "kass_referrals": ("referrals_received", ("kass",)),
    "kass_contacted": ("contacted", ("kass",)),
    "victims_supported": ("supported", ALL),
    "victims_supported_domestic_abuse": ("supported", ("domestic_abuse",)),
    "victims_supported_sexual_violence": ("supported", ("sexual_violence",)),
    "victims_reported_before_support": ("reported_to_police_before_support", ALL),
    "victims_empowered_to_report": ("empowered_to_report", ALL),
    "victims_better_able_to_cope": ("better_able_to_cope", ALL),
}
# KASS carried more victims over from earlier referrals while the service grew.
KASS_CARRY_OVER = yearly(1.03, 1.03, 1.035, 1.03, 1.02, 1.0, 1.0, 1.0)


def _block_bases() -> dict[str, dict[str, np.ndarray]]:
    bases = {}
    for b in BLOCKS:
        referrals = monthly_series(b.referrals, "harassment")
        supported = referrals * b.supported_per_referral
        if b.name == "kass":
            supported = supported * trend(KASS_CARRY_OVER)
        bases[b.name] = {"referrals_received": referrals, "supported": supported}
    return bases


def _calibrated_column(
    column: str, bases: dict[str, dict[str, np.ndarray]], figures: list[Figure], rng
) -> dict[str, np.ndarray]:
    """Monthly totals per block: blocks with their own published figures first, then the rest
    as one block that completes the published totals, shared out by the blocks' shapes."""
    measures = {m: blocks for m, (col, blocks) in MEASURES.items() if col == column}
    drawn: dict[str, np.ndarray] = {}

    def targets(measure_id, blocks):
        total = sum(bases[b][column] for b in blocks)
        resolved = resolve_counts(
            figures_for(figures, measure_id), lambda w: float(total[window_mask(*w)].sum())
        )
        return [(window_mask(*w), t) for w, t in sorted(resolved.items())]

    for name in ALL:
        own = [m for m, blocks in measures.items() if blocks == (name,)]
        if own:
            constraints = [c for m in own for c in targets(m, (name,))]
            drawn[name] = calibrated_counts(bases[name][column], constraints, rng)
    rest = [b for b in ALL if b not in drawn]
    rest_base = sum(bases[b][column] for b in rest)
    constraints = []
    for m, blocks in measures.items():
        if len(blocks) > 1:
            for mask, target in targets(m, blocks):
                constraints.append((mask, target - sum(int(drawn[b][mask].sum()) for b in drawn)))
    rest_counts = calibrated_counts(rest_base, constraints, rng)
    shares = np.array([bases[b][column] for b in rest])
    shares /= shares.sum(axis=0)
    split = np.array([rng.multinomial(n, shares[:, i]) for i, n in enumerate(rest_counts)]).T
    drawn.update(zip(rest, split, strict=True))
    return drawn


# Columns that count a subset of another column's victims: (column, parent column, share field).
SUBSETS = (
    ("contacted", "referrals_received", "contacted_share"),
    ("reported_to_police_before_support", "supported", "reported_before_share"),
    ("empowered_to_report", "supported", "empowered_share"),
    ("better_able_to_cope", "supported", "coping_share"),
)


def _subset_column(
    column: str, parent: np.ndarray, share: np.ndarray, block_of_row: np.ndarray, figures, rng
) -> np.ndarray:
    """A column that counts some of its parent's victims (so never more than the parent),
    scaled so that its published totals hold exactly. Arrays are rows x months."""
    share = share.copy()
    resolved = []
    for measure_id, (col, blocks) in MEASURES.items():
        if col != column:
            continue
        rows = np.isin(block_of_row, blocks)
        expected = (parent * share)[rows].sum(axis=0)
        targets = resolve_counts(
            figures_for(figures, measure_id), lambda w, e=expected: float(e[window_mask(*w)].sum())
        )
        constraints = [(window_mask(*w), t) for w, t in sorted(targets.items())]
        # A near-constant rescaling of the share (tiny ridge): the published year is not special.
        factor = smooth_adjust(expected, constraints, ridge=1e-6) / expected
        share[rows] = np.minimum(share[rows] * factor, 1.0)
        resolved.append((rows, constraints))
    values = rng.binomial(parent, share)
    for rows, constraints in resolved:
        for mask, target in constraints:
            cells = np.flatnonzero((rows[:, None] & mask[None, :]).ravel())
            flat, cap = values.ravel(), parent.ravel()
            spread_delta(flat, cells, int(target) - int(flat[cells].sum()), np.zeros_like(flat),
                         cap, weights=cap[cells] + 1)  # fmt: skip
    return values


def build_victim_referrals(figures: list[Figure], rng: np.random.Generator) -> pl.DataFrame:
    bases = _block_bases()
    rows = [(b, provider, category, share) for b in BLOCKS for provider, category, share in b.rows]
    block_of_row = np.array([b.name for b, *_ in rows])
    values: dict[str, np.ndarray] = {}
    for column in ("referrals_received", "supported"):
        per_block = _calibrated_column(column, bases, figures, rng)
        out = np.zeros((len(rows), N_MONTHS), dtype=np.int64)
        for b in BLOCKS:
            idx = np.flatnonzero(block_of_row == b.name)
            shares = np.array([rows[i][3] for i in idx])
            out[idx] = np.array([rng.multinomial(int(n), shares) for n in per_block[b.name]]).T
        values[column] = out
    for column, parent, field in SUBSETS:
        share = np.array([getattr(b, field) for b, *_ in rows])[:, None] * np.ones(N_MONTHS)
        values[column] = _subset_column(column, values[parent], share, block_of_row, figures, rng)

    columns = (
        "referrals_received", "contacted", "supported", "reported_to_police_before_support",
        "empowered_to_report", "better_able_to_cope",
    )  # fmt: skip
    frame = pl.DataFrame(
        {
            "month": np.repeat(np.array(MONTHS)[None, :], len(rows), axis=0).ravel(),
            "service": np.repeat([b.service for b, *_ in rows], N_MONTHS),
            "provider": np.repeat([r[1] for r in rows], N_MONTHS),
            "crime_category": np.repeat([r[2] for r in rows], N_MONTHS),
            **{c: values[c].ravel() for c in columns},
        }
    )
    return frame.sort("month", "service", "provider", "crime_category")
