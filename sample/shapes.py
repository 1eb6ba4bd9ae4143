"""Smooth monthly shapes: trend, seasonality and the 2020-21 lockdowns."""

from __future__ import annotations

import numpy as np

from sample.timeline import CALENDAR_MONTH, DAYS_IN_MONTH, DECIMAL_YEAR, MONTH_INDEX, N_MONTHS

# Relative level by calendar month (January first); normalised to average 1.
SEASONS: dict[str, tuple[float, ...]] = {
    "flat": (1,) * 12,
    "violence": (0.91, 0.88, 0.96, 0.98, 1.06, 1.07, 1.11, 1.06, 1.00, 1.00, 0.96, 1.01),
    "disorder": (0.85, 0.84, 0.95, 1.00, 1.10, 1.11, 1.16, 1.12, 1.00, 1.00, 0.94, 0.93),
    "sexual": (0.95, 0.93, 0.98, 0.99, 1.03, 1.04, 1.07, 1.03, 1.01, 1.01, 0.98, 0.98),
    "harassment": (0.97, 0.95, 1.01, 0.99, 1.02, 1.01, 1.03, 1.01, 1.01, 1.01, 0.99, 1.00),
    "burglary": (1.10, 0.98, 0.95, 0.90, 0.87, 0.85, 0.89, 0.92, 0.96, 1.09, 1.22, 1.27),
    "vehicle": (1.05, 0.95, 0.97, 0.95, 0.95, 0.95, 1.00, 1.00, 1.00, 1.05, 1.10, 1.03),
    "robbery": (1.08, 0.96, 0.95, 0.92, 0.93, 0.92, 0.94, 0.95, 0.98, 1.08, 1.14, 1.15),
    "shoplifting": (0.95, 0.92, 1.00, 0.98, 1.02, 1.00, 1.02, 1.00, 0.98, 1.02, 1.04, 1.07),
    "cycle": (0.62, 0.65, 0.85, 1.00, 1.20, 1.27, 1.32, 1.30, 1.20, 1.00, 0.86, 0.73),
    "pickpocket": (0.95, 0.90, 0.95, 0.96, 1.00, 0.98, 1.05, 1.05, 0.98, 1.00, 1.05, 1.13),
    "theft": (0.96, 0.92, 0.99, 0.98, 1.02, 1.02, 1.05, 1.04, 1.00, 1.00, 1.00, 1.02),
    "damage": (0.93, 0.90, 1.00, 1.01, 1.05, 1.03, 1.06, 1.02, 0.98, 1.05, 1.02, 0.95),
    "arson": (0.80, 0.80, 1.05, 1.25, 1.20, 1.10, 1.10, 1.10, 0.95, 0.95, 1.00, 0.80),
    "drugs": (0.96, 0.97, 1.02, 1.00, 1.04, 1.02, 1.03, 1.02, 1.00, 1.00, 0.98, 0.96),
    "domestic": (1.00, 0.91, 0.97, 0.98, 1.03, 1.04, 1.07, 1.05, 0.99, 0.98, 0.95, 1.03),
    "asb": (0.80, 0.78, 0.90, 1.00, 1.10, 1.14, 1.25, 1.22, 1.00, 1.00, 0.93, 0.88),
    "mental_health": (0.92, 0.90, 0.98, 1.00, 1.05, 1.06, 1.08, 1.06, 1.00, 1.00, 0.96, 0.99),
}

# How far each month of the 2020-21 lockdowns pulled a fully affected series down (0..1).
# December 2020 is deep as well as November: Kent left the November lockdown for tier 3 and
# then tier 4 (hospitality closed) before the January 2021 lockdown.
LOCKDOWN_DEPTH = {
    "2020-03": 0.30, "2020-04": 1.00, "2020-05": 0.80, "2020-06": 0.45, "2020-07": 0.20,
    "2020-08": 0.10, "2020-09": 0.05, "2020-11": 0.45, "2020-12": 0.55, "2021-01": 0.75,
    "2021-02": 0.65, "2021-03": 0.40, "2021-04": 0.20, "2021-05": 0.10,
}  # fmt: skip


def season(name: str) -> np.ndarray:
    profile = np.array(SEASONS[name], dtype=float)
    profile /= profile.mean()
    return profile[CALENDAR_MONTH - 1]


def lockdown(effect: float) -> np.ndarray:
    """1 - effect * depth: effect 0.35 cuts a series by 35% in April 2020; negative lifts it."""
    depth = np.zeros(N_MONTHS)
    for month, d in LOCKDOWN_DEPTH.items():
        depth[MONTH_INDEX[month]] = d
    return 1 - effect * depth


def trend(levels: dict[float, float]) -> np.ndarray:
    """Annual level per month, linear between {decimal year: annual level}, flat beyond."""
    xs = np.array(sorted(levels))
    ys = np.array([levels[x] for x in xs], dtype=float)
    return np.interp(DECIMAL_YEAR, xs, ys)


def monthly_series(
    levels: dict[float, float], season_name: str = "flat", lockdown_effect: float = 0.0
) -> np.ndarray:
    """Expected count per month for an annual level path, a seasonal profile and lockdowns."""
    days = DAYS_IN_MONTH / (365.25 / 12)
    return trend(levels) / 12 * season(season_name) * lockdown(lockdown_effect) * days


def yearly(*values: float, start: float = 2018.5) -> dict[float, float]:
    """Annual levels at mid-year knots: yearly(a, b, c) -> {2018.5: a, 2019.5: b, 2020.5: c}."""
    return {start + i: v for i, v in enumerate(values)}
