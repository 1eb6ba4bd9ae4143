"""The register of published figures as calibration targets.

Read from the dbt seed at generation time, so that a corrected or added figure changes the
sample without touching code. Counts published as such are targets as they stand; counts implied
only by a published change (e.g. "down 1,684") are chosen here: the comparison window's count
is taken from the model's own smooth series, as close to it as the published figures allow.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import ceil, floor
from pathlib import Path

from ingest.paths import SEEDS_DIR

Window = tuple[str, str]  # inclusive months (YYYY-MM, YYYY-MM)


@dataclass(frozen=True)
class Figure:
    figure_id: str
    measure_id: str
    statistic: str  # count, rate, change, pct_change
    window: Window
    comparison: Window | None
    value: Decimal
    decimals: int
    reconcile: str  # yes, lower_bound, upper_bound


def load_register(path: Path = SEEDS_DIR / "published_figures.csv") -> list[Figure]:
    """Every figure the sample must reproduce (reconcile is not 'no')."""
    figures = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["reconcile"] == "no":
                continue
            text = row["value"].strip()
            comparison = (
                (row["comparison_start"], row["comparison_end"])
                if row["comparison_start"]
                else None
            )
            figures.append(
                Figure(
                    figure_id=row["figure_id"],
                    measure_id=row["measure_id"],
                    statistic=row["statistic"],
                    window=(row["period_start"], row["period_end"]),
                    comparison=comparison,
                    value=Decimal(text),
                    decimals=len(text.split(".")[1]) if "." in text else 0,
                    reconcile=row["reconcile"],
                )
            )
    return figures


def figures_for(figures: Iterable[Figure], measure_id: str) -> list[Figure]:
    return [f for f in figures if f.measure_id == measure_id]


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    """Half away from zero, exactly (no binary floating point on the way)."""
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_UP)


def pct_change_matches(value: int, comparison: int, published: Decimal, decimals: int) -> bool:
    if comparison == 0:
        return False
    return round_half_up(Fraction(100 * (value - comparison), comparison), decimals) == published


def numerator_range(
    published: Decimal, decimals: int, denominator: int, scale: int
) -> tuple[int, int]:
    """Integer numerators n with round_half_up(n * scale / denominator) == published (>= 0).

    Empty when lo > hi: the published rate cannot be hit with this denominator.
    """
    half = Fraction(1, 2 * 10**decimals)
    target = Fraction(published)
    lo = ceil((target - half) * denominator / scale)
    hi = ceil((target + half) * denominator / scale) - 1
    return max(lo, 0), hi


def _closest(candidates: list[int], near: float) -> int:
    """The candidate nearest the model, avoiding the outer quarters of a run of candidates so a
    percentage is not left on a rounding edge."""
    if not candidates:
        raise ValueError("no integer is consistent with the published figures")
    ordered = sorted(candidates)
    trim = len(ordered) // 4
    inner = ordered[trim : len(ordered) - trim]
    return min(inner, key=lambda c: (abs(c - near), c))


def _values_for(comparison: int, rel: dict[str, Figure]) -> list[int]:
    """Counts consistent with a comparison count and the published change / % change."""
    if "change" in rel:
        value = comparison + int(rel["change"].value)
        pct = rel.get("pct_change")
        ok = pct is None or pct_change_matches(value, comparison, pct.value, pct.decimals)
        return [value] if ok else []
    pct = rel["pct_change"]
    centre = comparison * (1 + float(pct.value) / 100)
    return [
        v
        for v in range(floor(centre) - 3, ceil(centre) + 4)
        if v >= 0 and pct_change_matches(v, comparison, pct.value, pct.decimals)
    ]


def _comparisons_for(rel: dict[str, Figure], near: float) -> list[int]:
    """Comparison counts for which some value satisfies the published change / % change."""
    if "change" in rel and "pct_change" in rel:
        change = float(rel["change"].value)
        pct = float(rel["pct_change"].value)
        half = 0.5 * 10 ** -rel["pct_change"].decimals
        bounds = sorted([100 * change / (pct + half), 100 * change / (pct - half)])
        span = range(max(1, floor(bounds[0]) - 2), ceil(bounds[1]) + 3)
    else:
        span = range(max(1, round(near) - 50), round(near) + 51)
    return [c for c in span if _values_for(c, rel)]


def resolve_counts(figures: list[Figure], base_sum: Callable[[Window], float]) -> dict[Window, int]:
    """Exact target count per window for one count measure.

    base_sum gives the model's smooth (uncalibrated) total for a window; it decides counts the
    register leaves open.
    """
    known: dict[Window, int] = {f.window: int(f.value) for f in figures if f.statistic == "count"}
    relations: dict[tuple[Window, Window], dict[str, Figure]] = defaultdict(dict)
    for f in figures:
        if f.statistic in ("change", "pct_change"):
            relations[(f.window, f.comparison)][f.statistic] = f
    pending = sorted(relations)
    while pending:
        progressed = False
        for key in list(pending):
            window, comparison = key
            rel = relations[key]
            if window in known and comparison in known:
                pending.remove(key)  # both published: nothing to choose (F015 is one such)
            elif comparison in known:
                known[window] = _closest(_values_for(known[comparison], rel), base_sum(window))
                pending.remove(key)
            elif window in known:
                if "change" in rel:
                    centre = known[window] - float(rel["change"].value)
                else:
                    centre = known[window] / (1 + float(rel["pct_change"].value) / 100)
                candidates = [
                    c
                    for c in range(max(1, floor(centre) - 3), ceil(centre) + 4)
                    if known[window] in _values_for(c, rel)
                ]
                known[comparison] = _closest(candidates, base_sum(comparison))
                pending.remove(key)
            else:
                continue
            progressed = True
        if pending and not progressed:
            # Neither side published: take the comparison from the model, then the value.
            window, comparison = pending[0]
            rel = relations[pending[0]]
            known[comparison] = _closest(
                _comparisons_for(rel, base_sum(comparison)), base_sum(comparison)
            )
    return known
