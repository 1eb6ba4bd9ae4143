"""Turning smooth model series into integer counts that hit published window totals exactly.

Two steps. smooth_adjust bends a positive monthly series as gently as possible (smallest change
in the month-to-month adjustment) so that its sums over the constrained windows equal the
targets; no cliffs appear at window edges. draw_counts then draws integer months with natural
noise whose window sums are still exact: months are grouped into segments (months that belong to
the same set of windows), segment totals are fixed as integers, and each segment's total is
shared among its months by a multinomial draw. Months in no window are Poisson draws.
"""

from __future__ import annotations

import numpy as np

Constraint = tuple[np.ndarray, float]  # (boolean month mask, target window sum)


def _dedupe(constraints: list[Constraint]) -> list[Constraint]:
    unique: list[Constraint] = []
    for mask, target in constraints:
        same = [t for m, t in unique if np.array_equal(m, mask)]
        if same:
            if abs(same[0] - target) > 1e-9:
                raise ValueError("two different targets for the same window")
            continue
        unique.append((mask, target))
    return unique


def smooth_adjust(
    base: np.ndarray, constraints: list[Constraint], ridge: float = 0.02
) -> np.ndarray:
    """base * (1 + a) with a smooth adjustment a and exact (real) window sums."""
    base = np.asarray(base, dtype=float)
    constraints = _dedupe(constraints)
    if not constraints:
        return base.copy()
    n = len(base)
    diff = np.diff(np.eye(n), axis=0)
    hessian = 2 * (diff.T @ diff + ridge * np.eye(n))
    rows, rhs = [], []
    for mask, target in constraints:
        total = base[mask].sum()
        rows.append(np.where(mask, base, 0.0) / total)
        rhs.append((target - total) / total)
    c = np.array(rows)
    k = len(rows)
    system = np.block([[hessian, c.T], [c, np.zeros((k, k))]])
    solution = np.linalg.solve(system, np.concatenate([np.zeros(n), rhs]))
    adjusted = base * (1 + solution[:n])
    if (adjusted <= 0).any():
        raise ValueError("targets too far from the model series: a month would go negative")
    return adjusted


def _segments(masks: list[np.ndarray], n: int) -> tuple[list[np.ndarray], np.ndarray]:
    """Months grouped by the set of windows they belong to; plus the months in no window."""
    signature = [tuple(k for k, m in enumerate(masks) if m[i]) for i in range(n)]
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, sig in enumerate(signature):
        if sig:
            groups.setdefault(sig, []).append(i)
    free = np.array([i for i, sig in enumerate(signature) if not sig], dtype=int)
    return [np.array(g) for g in groups.values()], free


def _integer_segment_totals(
    real_totals: np.ndarray, membership: np.ndarray, targets: np.ndarray
) -> np.ndarray:
    """Round segment totals, then correct a basis of segments so every window sum is exact.

    Windows are runs of months, so the window-by-segment matrix is an interval matrix: totally
    unimodular, and the correction on any invertible basis is integral.
    """
    totals = np.rint(real_totals).astype(np.int64)
    residual = targets - membership @ totals
    if not residual.any():
        return totals
    order = np.argsort(-real_totals, kind="stable")
    basis: list[int] = []
    for col in order:
        trial = basis + [int(col)]
        if np.linalg.matrix_rank(membership[:, trial]) == len(trial):
            basis = trial
        if len(basis) == membership.shape[0]:
            break
    correction = np.linalg.solve(membership[:, basis].astype(float), residual.astype(float))
    totals[basis] += np.rint(correction).astype(np.int64)
    if (membership @ totals != targets).any() or (totals < 0).any():
        raise ValueError("could not make integer window totals exact")
    return totals


def draw_counts(
    expected: np.ndarray, constraints: list[Constraint], rng: np.random.Generator
) -> np.ndarray:
    """Integer counts around `expected` (already smooth-adjusted) with exact window sums."""
    expected = np.asarray(expected, dtype=float)
    constraints = _dedupe(constraints)
    masks = [m for m, _ in constraints]
    targets = np.array([int(round(t)) for _, t in constraints], dtype=np.int64)
    segments, free = _segments(masks, len(expected))
    counts = np.zeros(len(expected), dtype=np.int64)
    if segments:
        membership = np.array(
            [[int(mask[seg[0]]) for seg in segments] for mask in masks], dtype=np.int64
        )
        real_totals = np.array([expected[seg].sum() for seg in segments])
        totals = _integer_segment_totals(real_totals, membership, targets)
        for seg, total in zip(segments, totals, strict=True):
            p = expected[seg] / expected[seg].sum()
            counts[seg] = rng.multinomial(int(total), p)
    if len(free):
        counts[free] = rng.poisson(expected[free])
    return counts


def calibrated_counts(
    base: np.ndarray, constraints: list[Constraint], rng: np.random.Generator
) -> np.ndarray:
    return draw_counts(smooth_adjust(base, constraints), constraints, rng)


def spread_delta(
    values: np.ndarray,
    positions: np.ndarray,
    delta: int,
    lower: np.ndarray,
    upper: np.ndarray,
    weights: np.ndarray | None = None,
) -> None:
    """Add an integer delta to values[positions], spread in proportion to weights, within bounds.

    Used for the last few units of a published rate: a nudge of a handful of days, never a cliff.
    """
    delta = int(delta)
    if delta == 0:
        return
    weights = np.ones(len(positions)) if weights is None else np.asarray(weights, dtype=float)
    sign = 1 if delta > 0 else -1
    remaining = abs(delta)
    while remaining:
        room = (upper - values)[positions] if sign > 0 else (values - lower)[positions]
        room = np.maximum(room, 0).astype(np.int64)
        usable = room > 0
        if not usable.any():
            raise ValueError("no room left to reach the published figure")
        w = np.where(usable, weights, 0.0)
        share = np.floor(remaining * w / w.sum()).astype(np.int64)
        share = np.minimum(share, room)
        if share.sum() == 0:
            # Fewer units than positions: one each to the heaviest positions with room.
            order = np.argsort(-w, kind="stable")[: min(remaining, int(usable.sum()))]
            share = np.zeros(len(positions), dtype=np.int64)
            share[order] = 1
        values[positions] += sign * share
        remaining -= int(share.sum())
