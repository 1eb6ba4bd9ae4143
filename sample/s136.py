"""Section 136 Mental Health Act detentions: one row per detention.

Detentions fell steeply from 2019/20 as street triage and health-based places of safety grew;
police custody as a place of safety all but stopped (never for under-18s, as the law requires),
and ambulances took over more of the conveyance from police vehicles.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from sample.calibrate import calibrated_counts
from sample.reference import districts
from sample.register import Figure, figures_for, resolve_counts
from sample.shapes import monthly_series
from sample.timeline import DAYS_IN_MONTH, MONTH_START, N_MONTHS, month_curve, window_mask

MEASURE = "s136_detentions"
# Annual level at the middle of each financial year.
LEVELS = {2018.75: 2150, 2019.75: 2050, 2020.75: 1745, 2021.75: 1136, 2022.75: 835,
          2023.75: 781, 2024.75: 765, 2025.75: 800}  # fmt: skip
DISTRICT_RATE = {"Thanet": 1.7, "Medway": 1.15, "Canterbury": 1.1, "Folkestone and Hythe": 1.2,
                 "Dover": 1.1, "Dartford": 0.9, "Ashford": 0.9, "Tonbridge and Malling": 0.7,
                 "Tunbridge Wells": 0.75, "Sevenoaks": 0.6}  # fmt: skip
AGE_BANDS = {"under 18": 0.06, "18-24": 0.22, "25-34": 0.27, "35-44": 0.20, "45-54": 0.14,
             "55-64": 0.07, "65 and over": 0.02, "unknown": 0.02}  # fmt: skip
SEX = {"male": 0.55, "female": 0.43, "other": 0.005, "unknown": 0.015}
ETHNICITY = {"white": 0.86, "black": 0.03, "asian": 0.03, "mixed": 0.03, "other": 0.01,
             "not stated": 0.04}  # fmt: skip
REPEAT_SHARE = 0.2
# Places of safety and conveyance over time (shares; 'other' takes the rest).
HEALTH_BASED = month_curve({"2018-04": 0.60, "2021-04": 0.66, "2025-09": 0.72})
EMERGENCY_DEPARTMENT = month_curve({"2018-04": 0.28, "2021-04": 0.25, "2025-09": 0.22})
POLICE_CUSTODY = month_curve({"2018-04": 0.03, "2020-04": 0.012, "2023-04": 0.005})
AMBULANCE = month_curve({"2018-04": 0.30, "2025-09": 0.48})
OTHER_CONVEYANCE = 0.05
# Hour of detention: quietest early morning, busiest evening.
HOUR_WEIGHT = np.array([5, 4, 3.5, 3, 2.5, 2, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5, 5.5, 6, 6.5, 7, 7,
                        7, 7, 6.5, 6, 5.5])  # fmt: skip


def _pick(options: dict[str, float], n: int, rng) -> np.ndarray:
    p = np.array(list(options.values()))
    return np.array(list(options))[rng.choice(len(p), size=n, p=p / p.sum())]


def build_s136(figures: list[Figure], rng: np.random.Generator) -> pl.DataFrame:
    base = monthly_series(LEVELS, "mental_health")

    def base_sum(window):
        return float(base[window_mask(*window)].sum())

    targets = resolve_counts(figures_for(figures, MEASURE), base_sum)
    counts = calibrated_counts(
        base, [(window_mask(*w), t) for w, t in sorted(targets.items())], rng
    )
    month = np.repeat(np.arange(N_MONTHS), counts)
    n = len(month)

    day = MONTH_START[month] + (rng.random(n) * DAYS_IN_MONTH[month]).astype(int)
    hour = rng.choice(24, size=n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    minute = rng.integers(0, 60, size=n)
    when = day.astype("datetime64[m]") + (hour * 60 + minute).astype("timedelta64[m]")

    dist = districts()
    w = np.array([d.population * DISTRICT_RATE.get(d.name, 1.0) for d in dist])
    district = np.array([d.code for d in dist])[rng.choice(len(dist), size=n, p=w / w.sum())]
    age = _pick(AGE_BANDS, n, rng)
    sex = _pick(SEX, n, rng)
    ethnicity = _pick(ETHNICITY, n, rng)

    u = rng.random(n)
    hbpos, ed, custody = HEALTH_BASED[month], EMERGENCY_DEPARTMENT[month], POLICE_CUSTODY[month]
    place = np.where(
        u < hbpos,
        "health-based place of safety",
        np.where(
            u < hbpos + ed,
            "emergency department",
            np.where(u < hbpos + ed + custody, "police custody", "other"),
        ),
    )
    place = np.where(
        (place == "police custody") & (age == "under 18"), "health-based place of safety", place
    )
    v = rng.random(n)
    conveyance = np.where(
        v < AMBULANCE[month],
        "ambulance",
        np.where(v < AMBULANCE[month] + OTHER_CONVEYANCE, "other", "police vehicle"),
    )
    repeat = (rng.random(n) < REPEAT_SHARE).astype(np.int8)

    order = np.lexsort((rng.random(n), when))
    year = when[order].astype("datetime64[Y]").astype(int) + 1970
    seq = np.arange(n) - np.searchsorted(year, year, side="left") + 1
    detention_id = np.char.add(
        np.char.add("S", np.char.zfill((year % 100).astype(str), 2)),
        np.char.zfill(seq.astype(str), 5),
    )
    return pl.DataFrame(
        {
            "detention_id": detention_id,
            "detention_datetime": when[order].astype("datetime64[us]"),
            "district_code": district[order],
            "age_band": age[order],
            "sex": sex[order],
            "ethnicity_group": ethnicity[order],
            "first_place_of_safety": place[order],
            "conveyance": conveyance[order],
            "repeat_detention": repeat[order],
        }
    )
