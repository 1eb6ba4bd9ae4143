"""Investigation outcomes: which Home Office outcome, and how long it took.

An outcome is drawn for every crime with a lag after recording; crimes whose outcome date would
fall after the extract date are still open (no outcome). So old crimes are mostly closed and the
last months mostly open, as in a real extract.
"""

from __future__ import annotations

import numpy as np

from sample.timeline import month_curve

# Outcome mix (relative) by profile. 19 (NFIB filed) is for fraud, which forces do not record.
PROFILES: dict[str, dict[int, float]] = {
    "homicide": {1: 0.85, 5: 0.05, 15: 0.05, 18: 0.03, 20: 0.02},
    "violence": {1: 0.09, 2: 0.004, 3: 0.015, 5: 0.002, 8: 0.012, 9: 0.004, 10: 0.01, 11: 0.006,
                 12: 0.001, 13: 0.001, 14: 0.04, 15: 0.16, 16: 0.55, 17: 0.005, 18: 0.06,
                 20: 0.015, 21: 0.01, 22: 0.005},
    "harassment": {1: 0.07, 3: 0.01, 8: 0.01, 10: 0.01, 14: 0.04, 15: 0.15, 16: 0.55, 17: 0.02,
                   18: 0.10, 20: 0.01, 21: 0.02, 22: 0.005},
    "sexual": {1: 0.07, 2: 0.005, 3: 0.005, 10: 0.01, 11: 0.02, 12: 0.003, 13: 0.003, 14: 0.06,
               15: 0.25, 16: 0.42, 17: 0.005, 18: 0.05, 20: 0.04, 21: 0.04},
    "robbery": {1: 0.12, 2: 0.01, 3: 0.005, 8: 0.005, 14: 0.08, 15: 0.12, 16: 0.15, 18: 0.48,
                20: 0.01, 22: 0.005},
    "burglary": {1: 0.06, 3: 0.003, 4: 0.02, 8: 0.005, 14: 0.06, 15: 0.08, 16: 0.04, 18: 0.72,
                 20: 0.005, 21: 0.01},
    "vehicle": {1: 0.025, 4: 0.01, 8: 0.003, 14: 0.05, 15: 0.03, 16: 0.02, 18: 0.85, 21: 0.01},
    "theft": {1: 0.04, 3: 0.004, 4: 0.005, 8: 0.01, 14: 0.06, 15: 0.06, 16: 0.06, 18: 0.73,
              20: 0.01, 21: 0.01},
    "shoplifting": {1: 0.17, 2: 0.005, 3: 0.02, 4: 0.01, 6: 0.005, 8: 0.035, 14: 0.06, 15: 0.08,
                    16: 0.02, 18: 0.55, 20: 0.005, 21: 0.02, 22: 0.01},
    "damage": {1: 0.05, 2: 0.005, 3: 0.01, 8: 0.03, 10: 0.01, 14: 0.06, 15: 0.08, 16: 0.12,
               18: 0.60, 20: 0.01, 21: 0.015, 22: 0.005},
    "drugs": {1: 0.22, 2: 0.02, 3: 0.04, 6: 0.01, 7: 0.16, 8: 0.18, 10: 0.03, 15: 0.08, 20: 0.02,
              21: 0.14, 22: 0.06},
    "drug_supply": {1: 0.55, 3: 0.02, 10: 0.03, 15: 0.18, 20: 0.04, 21: 0.18},
    "public_order": {1: 0.10, 3: 0.01, 6: 0.01, 8: 0.03, 10: 0.01, 14: 0.06, 15: 0.15, 16: 0.40,
                     18: 0.18, 20: 0.01, 21: 0.02, 22: 0.01},
    "weapons": {1: 0.45, 2: 0.03, 3: 0.06, 8: 0.06, 10: 0.03, 15: 0.12, 18: 0.03, 20: 0.02,
                21: 0.15, 22: 0.05},
    "miscellaneous": {1: 0.35, 3: 0.03, 8: 0.03, 10: 0.03, 15: 0.15, 16: 0.05, 18: 0.15,
                      20: 0.08, 21: 0.10, 22: 0.03},
}  # fmt: skip

# Median days from recording to outcome, and spread (lognormal sigma), by outcome code.
LAG_MEDIAN_DAYS = {18: 12, 14: 40, 15: 45, 16: 40, 1: 70, 2: 30, 3: 30, 6: 20, 7: 15, 8: 25,
                   22: 35, 4: 120}  # fmt: skip
LAG_DEFAULT_MEDIAN = 90
LAG_SIGMA = {18: 1.0, 1: 1.3}
LAG_DEFAULT_SIGMA = 1.15
SLOW_PROFILES = {"sexual": 3.0, "homicide": 0.6}  # lag multipliers

SOLVED_ELSEWHERE = (15, 16, 10, 21)  # suspect identified, no formal action: source of changes
OUT_OF_COURT = (2, 3, 6, 7, 8, 22)
COMMUNITY_RESOLUTION = 8
# Codes swapped in when out-of-court resolutions must rise (community resolutions aside).
OTHER_OUT_OF_COURT = (3, 22, 2, 6)
OTHER_OUT_OF_COURT_SHARE = (0.55, 0.25, 0.15, 0.05)
NO_COMMUNITY_RESOLUTION_PROFILES = ("homicide", "sexual")
# Too serious for an informal disposal: attempted murder, GBH, endangering life, causing death.
SERIOUS_VIOLENCE_CODES = ("2", "5D", "5E", "4.3", "4.4", "4.6", "4.7", "4.8", "4.9", "37.1")

# Kent's drive on out-of-court resolutions from 2024: use grows over the year.
COMMUNITY_RESOLUTION_FACTOR = month_curve({"2023-06": 0.94, "2024-03": 1.0, "2024-12": 2.05})
OTHER_OUT_OF_COURT_FACTOR = month_curve({"2023-06": 1.05, "2024-03": 1.05, "2024-12": 1.08})


def draw_outcomes(
    profile: str, months: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Outcome codes and lags in days for crimes of one profile recorded in these months."""
    mix = PROFILES[profile]
    codes = np.array(sorted(mix))
    p = np.array([mix[c] for c in codes], dtype=float)
    p /= p.sum()
    outcome = codes[rng.choice(len(codes), size=len(months), p=p)]
    share = dict(zip(codes.tolist(), p.tolist(), strict=True))
    if profile not in NO_COMMUNITY_RESOLUTION_PROFILES and 16 in share:
        # Out-of-court disposals grow from 2024, taken from "victim does not support" outcomes.
        for code, factor in ((8, COMMUNITY_RESOLUTION_FACTOR), (3, OTHER_OUT_OF_COURT_FACTOR)):
            if code not in share:
                continue
            f = factor[months]
            u = rng.random(len(months))
            up = (outcome == 16) & (u < np.clip(share[code] * (f - 1) / share[16], 0, 1))
            down = (outcome == code) & (u < np.clip(1 - f, 0, 1))
            outcome = np.where(up, code, np.where(down, 16, outcome))
    median = np.vectorize(lambda c: LAG_MEDIAN_DAYS.get(c, LAG_DEFAULT_MEDIAN))(outcome)
    sigma = np.vectorize(lambda c: LAG_SIGMA.get(c, LAG_DEFAULT_SIGMA))(outcome)
    median = median * SLOW_PROFILES.get(profile, 1.0)
    lag = np.floor(median * np.exp(sigma * rng.standard_normal(len(months)))).astype(np.int64)
    return outcome.astype(np.int64), lag
