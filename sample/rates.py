"""Published rates (percentages, average seconds) as targets for daily numerators.

A rate over a window is sum(numerator) / sum(denominator) * scale. Targets come from the
register: `yes` must round half-up to the published decimals, `lower_bound` / `upper_bound`
must be at or above / at or below the published figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor

import numpy as np

from sample.calibrate import smooth_adjust, spread_delta
from sample.register import Figure, numerator_range
from sample.timeline import DAY_MONTH, window_mask


@dataclass(frozen=True)
class RateTarget:
    figure_id: str
    months: np.ndarray  # boolean mask over MONTHS
    value: Decimal
    decimals: int
    kind: str  # yes, lower_bound, upper_bound
    scale: int  # 100 for percentages, 1 for seconds

    @property
    def days(self) -> np.ndarray:
        return self.months[DAY_MONTH]


def rate_targets(figures: list[Figure], measure_id: str, scale: int) -> list[RateTarget]:
    return [
        RateTarget(f.figure_id, window_mask(*f.window), f.value, f.decimals, f.reconcile, scale)
        for f in figures
        if f.measure_id == measure_id and f.statistic == "rate"
    ]


def fit_curve(curve: np.ndarray, denominator: np.ndarray, targets: list[RateTarget]) -> np.ndarray:
    """Bend a monthly rate curve (in the published unit) smoothly so that each `yes` window's
    rate - summed numerator over summed denominator - is the published figure."""
    exact = [t for t in targets if t.kind == "yes"]
    if not exact:
        return curve
    scale = exact[0].scale
    numerator = curve * denominator / scale
    constraints = [(t.months, float(t.value) / scale * denominator[t.months].sum()) for t in exact]
    return smooth_adjust(numerator, constraints) * scale / denominator


def _target_numerator(target: RateTarget, numerator: int, denominator: int) -> int:
    """The numerator nearest the current one that meets the target, kept a quarter of a
    rounding unit inside the edges so that a reader's own rounding cannot tip it over."""
    if target.kind == "yes":
        lo, hi = numerator_range(target.value, target.decimals, denominator, target.scale)
        if lo > hi:
            raise ValueError(f"{target.figure_id}: no whole number gives the published rate")
        inset = (hi - lo) // 4
        return min(max(numerator, lo + inset), hi - inset)
    margin = Fraction(1, 4 * 10**target.decimals)
    if target.kind == "lower_bound":
        return max(numerator, ceil((Fraction(target.value) + margin) * denominator / target.scale))
    return min(numerator, floor((Fraction(target.value) - margin) * denominator / target.scale))


def hit_rates(
    numerator: np.ndarray,
    denominator: np.ndarray,
    targets: list[RateTarget],
    lower: np.ndarray,
    upper: np.ndarray,
) -> None:
    """Nudge daily numerators (in place) so every target holds exactly.

    Shorter windows first; their days are then left alone, so a single month inside a year
    (October 2022 inside 2022/23) keeps its own figure while the year is fixed elsewhere.
    """
    frozen = np.zeros(len(numerator), dtype=bool)
    for target in sorted(targets, key=lambda t: (int(t.months.sum()), t.figure_id)):
        days = target.days
        have = int(numerator[days].sum())
        want = _target_numerator(target, have, int(denominator[days].sum()))
        free = np.flatnonzero(days & ~frozen)
        spread_delta(numerator, free, want - have, lower, upper, weights=denominator[free] + 1)
        frozen |= days
