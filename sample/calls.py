"""Daily call handling per channel (999, 101, online), calibrated to the published figures.

Shape: 999 peaks on summer weekends; 101 is busiest on Mondays; online reporting grows as 101
shifts to it. 101 collapsed in 2022/23 (two thirds answered, waits of minutes, October 2022 the
worst) and recovered in 2023/24; 999 has met the 90%-in-10-seconds standard since January 2024.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from sample.calibrate import calibrated_counts, spread_delta
from sample.rates import fit_curve, hit_rates, rate_targets
from sample.reference import measure_definition
from sample.register import Figure, figures_for, resolve_counts
from sample.shapes import monthly_series, yearly
from sample.timeline import (
    DAY_MONTH,
    DAY_OF_WEEK,
    DAYS,
    MONTH_INDEX,
    N_MONTHS,
    month_curve,
    window_mask,
)

CHANNELS = ("999", "101", "online")
# Contacts offered per day at mid-year.
DAILY_LEVEL = {
    "999": yearly(850, 880, 830, 920, 980, 940, 890, 930),
    "101": yearly(1500, 1450, 1420, 1300, 1200, 1100, 1010, 1010),
    "online": yearly(250, 320, 470, 520, 620, 650, 650, 720),
}
SEASON = {"999": "violence", "101": "harassment", "online": "flat"}
DAY_OF_WEEK_FACTOR = {  # Monday .. Sunday
    "999": (0.97, 0.95, 0.95, 0.96, 1.04, 1.10, 1.03),
    "101": (1.16, 1.08, 1.05, 1.03, 1.02, 0.85, 0.81),
    "online": (1.15, 1.08, 1.04, 1.01, 0.98, 0.86, 0.88),
}

# 999: share abandoned (% of offered) and answered within 10 seconds (% of answered).
ABANDONED_999 = month_curve({
    "2018-04": 0.6, "2019-06": 0.5, "2020-04": 0.4, "2021-06": 0.9, "2022-04": 1.1,
    "2022-07": 1.8, "2022-10": 1.3, "2023-01": 1.0, "2023-03": 0.7, "2023-06": 0.4,
    "2023-12": 0.33, "2024-03": 0.28, "2025-09": 0.3,
})  # fmt: skip
WITHIN_10S_999 = month_curve({
    "2018-04": 92.5, "2019-06": 92.0, "2020-04": 94.0, "2020-12": 92.0, "2021-06": 86.0,
    "2021-09": 88.0, "2022-04": 84.0, "2022-07": 76.0, "2022-10": 82.0, "2023-01": 86.0,
    "2023-06": 87.0, "2023-09": 88.5, "2023-12": 88.6, "2024-01": 91.5, "2024-03": 95.5,
    "2024-06": 94.5, "2025-06": 93.0, "2025-09": 92.5,
})  # fmt: skip
# 101: share answered (% of offered) and average seconds to answer.
ANSWERED_101 = month_curve({
    "2018-04": 90, "2019-06": 91, "2020-03": 89, "2020-05": 84, "2020-08": 90, "2021-03": 89,
    "2021-06": 86, "2021-12": 80, "2022-04": 74, "2022-07": 64, "2022-10": 50, "2022-12": 60,
    "2023-02": 70, "2023-03": 78, "2023-05": 86, "2023-08": 92, "2023-11": 95, "2024-03": 96,
    "2024-06": 97.8, "2025-09": 98.0,
})  # fmt: skip
SECONDS_101 = month_curve({
    "2018-04": 75, "2019-06": 70, "2020-05": 140, "2020-08": 80, "2021-06": 120, "2021-12": 200,
    "2022-04": 260, "2022-07": 450, "2022-10": 950, "2022-12": 520, "2023-02": 320,
    "2023-03": 200, "2023-05": 110, "2023-08": 60, "2023-11": 40, "2024-03": 35, "2024-06": 32,
    "2025-09": 28,
})  # fmt: skip
UNANSWERED_NOT_ABANDONED_101 = 0.004  # e.g. routed to a call-back: neither answered nor abandoned
ONLINE_ANSWERED = 97.5
ONLINE_SECONDS = 140.0
# Mean seconds to answer within each band (999 within 10 s is mostly the first ring).
BAND_MEAN_SECONDS = {"999": (1.2, 18.0, 95.0)}


def _daily_split(monthly: np.ndarray, factors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Share each month's total over its days in proportion to the day factors."""
    daily = np.zeros(len(DAYS), dtype=np.int64)
    for m in range(N_MONTHS):
        days = np.flatnonzero(np.equal(DAY_MONTH, m))
        daily[days] = rng.multinomial(int(monthly[m]), factors[days] / factors[days].sum())
    return daily


def _offered(figures: list[Figure], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Daily contacts offered per channel; their total is calibrated to 'calls for service'."""
    # monthly_series takes annual levels: a daily level times 365.25 gives contacts per month.
    base = {ch: monthly_series(DAILY_LEVEL[ch], SEASON[ch]) * 365.25 for ch in CHANNELS}
    total_base = sum(base.values())

    def base_sum(window):
        return float(total_base[window_mask(*window)].sum())

    targets = resolve_counts(figures_for(figures, "calls_for_service"), base_sum)
    total = calibrated_counts(
        total_base, [(window_mask(*w), t) for w, t in sorted(targets.items())], rng
    )
    shares = np.array([base[ch] for ch in CHANNELS])
    shares /= shares.sum(axis=0)
    per_channel = np.array([rng.multinomial(n, shares[:, m]) for m, n in enumerate(total)]).T
    offered = {}
    for ch, monthly in zip(CHANNELS, per_channel, strict=True):
        factors = np.array(DAY_OF_WEEK_FACTOR[ch])[DAY_OF_WEEK] * np.exp(
            0.05 * rng.standard_normal(len(DAYS))
        )
        offered[ch] = _daily_split(monthly, factors, rng)
    return offered


def _share(total: np.ndarray, pct: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(total * pct / 100), 0, total).astype(np.int64)


def _monthly(daily: np.ndarray) -> np.ndarray:
    return np.bincount(DAY_MONTH, weights=daily, minlength=N_MONTHS)


def _standard_run(figures: list[Figure]) -> tuple[list[int], list[int], float]:
    """Months that must meet the 999 standard and the month that must not (F123)."""
    threshold = float(
        re.search(r">= *([\d.]+)", measure_definition("calls_999_months_meeting_standard")).group(1)
    )
    meeting, failing = [], []
    for f in figures_for(figures, "calls_999_months_meeting_standard"):
        end = MONTH_INDEX[f.window[1]]
        run = int(f.value)
        meeting += list(range(end - run + 1, end + 1))
        failing.append(end - run)
    return meeting, failing, threshold


def _bands(
    answered: np.ndarray, within_pct: np.ndarray, over60_pct: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    within = _share(answered, within_pct)
    over = np.minimum(_share(answered, over60_pct), answered - within)
    return within, answered - within - over, over


def _seconds(
    answered, within, middle, over, average: np.ndarray, rng
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Total seconds to answer, within what the answer bands allow, and those bounds."""
    lower = 10 * middle + 61 * over
    upper = 9 * within + 60 * middle + 7200 * over
    noisy = average * np.exp(0.08 * rng.standard_normal(len(average)))
    seconds = np.clip(np.rint(answered * noisy), lower, upper).astype(np.int64)
    return seconds, lower, upper


def _channel_999(offered, figures, rng):
    n = len(DAYS)
    monthly_offered = _monthly(offered)
    abandoned_curve = fit_curve(
        ABANDONED_999, monthly_offered, rate_targets(figures, "calls_999_abandoned_pct", 100)
    )
    abandoned_curve = abandoned_curve * np.exp(0.1 * rng.standard_normal(N_MONTHS))
    abandoned = _share(offered, abandoned_curve[DAY_MONTH] * np.exp(0.2 * rng.standard_normal(n)))
    hit_rates(
        abandoned, offered, rate_targets(figures, "calls_999_abandoned_pct", 100),
        np.zeros(n), offered,
    )  # fmt: skip
    answered = offered - abandoned

    monthly_within = WITHIN_10S_999 + 0.5 * rng.standard_normal(N_MONTHS)
    within_pct = np.clip(monthly_within[DAY_MONTH] + 1.2 * rng.standard_normal(n), 50, 99.5)
    over_pct = 0.1 * (100 - within_pct)
    within, middle, over = _bands(answered, within_pct, over_pct)
    meeting, failing, threshold = _standard_run(figures)
    for months, pct, sign in ((meeting, threshold + 0.3, 1), (failing, threshold - 0.5, -1)):
        for m in months:
            days = np.flatnonzero(np.equal(DAY_MONTH, m))
            want = int(np.ceil(pct / 100 * answered[days].sum()))
            delta = want - int(within[days].sum())
            if delta * sign > 0:
                spread_delta(within, days, delta, np.zeros(n), within + middle, answered[days])
                middle = answered - within - over
    hit_rates(
        within, answered, rate_targets(figures, "calls_999_within_10s_pct", 100),
        np.zeros(n), within + middle,
    )  # fmt: skip
    middle = answered - within - over

    mean_w, mean_m, mean_o = BAND_MEAN_SECONDS["999"]
    average = (within * mean_w + middle * mean_m + over * mean_o) / np.maximum(answered, 1)
    seconds, lower, upper = _seconds(answered, within, middle, over, average, rng)
    hit_rates(
        seconds, answered, rate_targets(figures, "calls_999_avg_answer_seconds", 1), lower, upper
    )
    return answered, abandoned, within, middle, over, seconds


def _channel_101(offered, figures, rng):
    n = len(DAYS)
    monthly_offered = _monthly(offered)
    answered_targets = rate_targets(figures, "calls_101_answered_pct", 100)
    answered_curve = fit_curve(ANSWERED_101, monthly_offered, answered_targets)
    answered_curve = np.minimum(answered_curve + 0.7 * rng.standard_normal(N_MONTHS), 99.0)
    monday_dip = np.where(DAY_OF_WEEK == 0, -2.0, np.where(DAY_OF_WEEK >= 5, 1.0, 0.0))
    answered_pct = np.clip(
        answered_curve[DAY_MONTH] + monday_dip + 1.5 * rng.standard_normal(n), 20, 99.5
    )
    other = _share(offered, np.full(n, UNANSWERED_NOT_ABANDONED_101 * 100))
    answered = np.minimum(_share(offered, answered_pct), offered - other)
    hit_rates(answered, offered, answered_targets, np.zeros(n), offered - other)
    abandoned = offered - answered - other
    hit_rates(
        abandoned, offered, rate_targets(figures, "calls_101_abandoned_pct", 100),
        np.zeros(n), offered - answered,
    )  # fmt: skip

    seconds_targets = rate_targets(figures, "calls_101_avg_answer_seconds", 1)
    average_curve = fit_curve(SECONDS_101, _monthly(answered), seconds_targets)
    average_curve = average_curve * np.exp(0.05 * rng.standard_normal(N_MONTHS))
    average = average_curve[DAY_MONTH] * np.where(DAY_OF_WEEK == 0, 1.15, 1.0)
    within_pct = np.clip(55 - average / 15, 5, 60)
    over_pct = np.clip(10 + average / 9, 10, 85)
    within, middle, over = _bands(answered, within_pct, over_pct)
    seconds, lower, upper = _seconds(answered, within, middle, over, average, rng)
    hit_rates(seconds, answered, seconds_targets, lower, upper)
    return answered, abandoned, within, middle, over, seconds


def _channel_online(offered, rng):
    n = len(DAYS)
    answered = _share(offered, np.clip(ONLINE_ANSWERED + 0.8 * rng.standard_normal(n), 90, 100))
    abandoned = offered - answered
    within, middle, over = _bands(answered, np.full(n, 20.0), np.full(n, 50.0))
    seconds, _, _ = _seconds(answered, within, middle, over, np.full(n, ONLINE_SECONDS), rng)
    return answered, abandoned, within, middle, over, seconds


def build_call_handling(figures: list[Figure], rng: np.random.Generator) -> pl.DataFrame:
    offered = _offered(figures, rng)
    results = {
        "999": _channel_999(offered["999"], figures, rng),
        "101": _channel_101(offered["101"], figures, rng),
        "online": _channel_online(offered["online"], rng),
    }
    frames = []
    for order, ch in enumerate(CHANNELS):
        answered, abandoned, within, middle, over, seconds = results[ch]
        frames.append(
            pl.DataFrame(
                {
                    "date": DAYS,
                    "channel": ch,
                    "calls_offered": offered[ch],
                    "calls_answered": answered,
                    "answered_within_10s": within,
                    "answered_10_to_60s": middle,
                    "answered_over_60s": over,
                    "calls_abandoned": abandoned,
                    "total_answer_seconds": seconds,
                    "_order": order,
                }
            )
        )
    return pl.concat(frames).sort("date", "_order").drop("_order")
