"""Make the outcome-date measures (community resolutions, out-of-court resolutions) exact.

Both count outcomes by the month the outcome was given. After outcomes are drawn, a few crimes
in each published window change outcome between a community resolution / other out-of-court
disposal and "evidential difficulties" (15, 16) or similar - crimes with a named suspect, so
the swap is plausible. Dates are not touched, so outcome_date >= recorded_date still holds.
"""

from __future__ import annotations

import numpy as np

from sample.outcomes import (
    COMMUNITY_RESOLUTION,
    OTHER_OUT_OF_COURT,
    OTHER_OUT_OF_COURT_SHARE,
    OUT_OF_COURT,
    SOLVED_ELSEWHERE,
)
from sample.register import Figure, figures_for, resolve_counts
from sample.timeline import MONTH_END_EXCL, MONTH_START, N_MONTHS, window_mask

COMMUNITY_RESOLUTIONS_MEASURE = "community_resolutions"
OUT_OF_COURT_MEASURE = "out_of_court_resolutions_victim_based"
FALLBACK_OUTCOME = 16  # what a removed disposal becomes: victim does not support action


def _outcome_month(outcome: np.ndarray, outcome_date: np.ndarray) -> np.ndarray:
    month = np.searchsorted(MONTH_START, outcome_date, side="right") - 1
    month = np.where(outcome_date >= MONTH_END_EXCL[-1], N_MONTHS, month)
    return np.where(outcome > 0, month, -1)


def _adjust(
    outcome: np.ndarray,
    in_window: np.ndarray,
    counted: np.ndarray,
    can_gain: np.ndarray,
    can_lose: np.ndarray,
    target: int,
    new_codes: tuple[int, ...],
    new_share: tuple[float, ...],
    rng: np.random.Generator,
) -> None:
    delta = target - int((in_window & counted).sum())
    if delta > 0:
        pool = np.flatnonzero(in_window & can_gain)
        if len(pool) < delta:
            raise ValueError("not enough crimes to reach the published out-of-court figure")
        chosen = rng.choice(pool, size=delta, replace=False)
        outcome[chosen] = rng.choice(np.array(new_codes), size=delta, p=np.array(new_share))
    elif delta < 0:
        pool = np.flatnonzero(in_window & can_lose)
        if len(pool) < -delta:
            raise ValueError("not enough disposals to remove for the published out-of-court figure")
        outcome[rng.choice(pool, size=-delta, replace=False)] = FALLBACK_OUTCOME


def calibrate_outcomes(
    outcome: np.ndarray,
    outcome_date: np.ndarray,
    victim_based: np.ndarray,
    informal_ok: np.ndarray,
    figures: list[Figure],
    rng: np.random.Generator,
) -> None:
    """Adjust outcome codes in place (0 = open) so both measures hit the register exactly."""
    month = _outcome_month(outcome, outcome_date)

    def resolved(measure_id: str, counted) -> list[tuple[np.ndarray, int]]:
        def natural(window):
            return float((np.isin(month, np.flatnonzero(window_mask(*window))) & counted()).sum())

        targets = resolve_counts(figures_for(figures, measure_id), natural)
        return [
            (np.isin(month, np.flatnonzero(window_mask(*w))), t) for w, t in sorted(targets.items())
        ]

    def is_cr():
        return outcome == COMMUNITY_RESOLUTION

    for in_window, target in resolved(COMMUNITY_RESOLUTIONS_MEASURE, is_cr):
        suspect_known = np.isin(outcome, SOLVED_ELSEWHERE) & informal_ok
        _adjust(outcome, in_window, is_cr(), suspect_known, is_cr(), target,
                (COMMUNITY_RESOLUTION,), (1.0,), rng)  # fmt: skip

    def is_ooc_vb():
        return np.isin(outcome, OUT_OF_COURT) & victim_based

    others = tuple(c for c in OUT_OF_COURT if c != COMMUNITY_RESOLUTION)
    for in_window, target in resolved(OUT_OF_COURT_MEASURE, is_ooc_vb):
        suspect_known = np.isin(outcome, SOLVED_ELSEWHERE) & informal_ok & victim_based
        removable = np.isin(outcome, others) & victim_based
        _adjust(outcome, in_window, is_ooc_vb(), suspect_known, removable, target,
                OTHER_OUT_OF_COURT, OTHER_OUT_OF_COURT_SHARE, rng)  # fmt: skip
