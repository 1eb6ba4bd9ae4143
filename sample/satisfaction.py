"""Monthly victim satisfaction surveys: three surveys, three questions, calibrated rates."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from sample.calibrate import spread_delta
from sample.rates import RateTarget, rate_targets
from sample.reference import measure_definition
from sample.register import Figure, numerator_range
from sample.shapes import trend, yearly
from sample.timeline import MONTHS, N_MONTHS

SURVEYS = ("domestic_abuse", "hate_crime", "rape")
QUESTIONS = ("overall_satisfaction", "dignity_and_respect", "treated_fairly")
RESPONDENTS = {  # a month's respondents (overall question) at mid-year
    "domestic_abuse": yearly(70, 75, 80, 85, 88, 90, 92, 95),
    "hate_crime": yearly(28, 30, 30, 32, 33, 34, 35, 36),
    "rape": yearly(12, 13, 14, 15, 15, 16, 16, 17),
}
# Share of overall-question respondents who answer each question.
ANSWERED = {"overall_satisfaction": 1.0, "dignity_and_respect": 0.96, "treated_fairly": 0.93}
# Satisfaction (%) where the register says nothing.
DEFAULT_RATE = {
    ("domestic_abuse", "overall_satisfaction"): 89.0,
    ("domestic_abuse", "dignity_and_respect"): 94.0,
    ("domestic_abuse", "treated_fairly"): 91.0,
    ("hate_crime", "overall_satisfaction"): 84.0,
    ("hate_crime", "dignity_and_respect"): 91.0,
    ("hate_crime", "treated_fairly"): 87.0,
    ("rape", "overall_satisfaction"): 82.0,
    ("rape", "dignity_and_respect"): 95.0,
    ("rape", "treated_fairly"): 90.0,
}


def _measures_by_series() -> dict[tuple[str, str], str]:
    """(survey, question) -> measure_id, from the measure definitions."""
    found = {}
    for measure_id in ("satisfaction_domestic_abuse", "satisfaction_hate_crime",
                       "satisfaction_rape_dignity", "satisfaction_rape_fairness"):  # fmt: skip
        d = measure_definition(measure_id)
        survey = re.search(r"survey = (\w+)", d).group(1)
        question = re.search(r"question = (\w+)", d).group(1)
        found[(survey, question)] = measure_id
    return found


def _rate_curve(default: float, targets: list[RateTarget]) -> np.ndarray:
    """Satisfaction by month: through each published window's rate at its middle month."""
    knots = {}
    for t in targets:
        middle = np.flatnonzero(t.months).mean()
        knots[float(middle)] = float(t.value)
    if not knots:
        return np.full(N_MONTHS, default)
    xs = sorted(knots)
    return np.interp(np.arange(N_MONTHS), xs, [knots[x] for x in xs])


def _hit(satisfied: np.ndarray, respondents: np.ndarray, target: RateTarget, rng) -> None:
    """Make the window's rate round to the published one, adding a respondent if needed."""
    months = np.flatnonzero(target.months)
    while True:
        have, total = int(satisfied[months].sum()), int(respondents[months].sum())
        lo, hi = numerator_range(target.value, target.decimals, total, target.scale)
        if lo <= hi:
            break
        respondents[rng.choice(months)] += 1  # no whole number of satisfied fits: one more reply
    inset = (hi - lo) // 4  # keep clear of the rounding edges where the window allows
    want = min(max(have, lo + inset), hi - inset)
    spread_delta(
        satisfied, months, want - have, np.zeros(N_MONTHS), respondents, respondents[months]
    )


def build_victim_satisfaction(figures: list[Figure], rng: np.random.Generator) -> pl.DataFrame:
    measures = _measures_by_series()
    rows = []
    for survey in SURVEYS:
        overall = rng.poisson(trend(RESPONDENTS[survey]))
        for question in QUESTIONS:
            respondents = rng.binomial(overall, ANSWERED[question])
            measure_id = measures.get((survey, question))
            targets = rate_targets(figures, measure_id, 100) if measure_id else []
            rate = _rate_curve(DEFAULT_RATE[(survey, question)], targets)
            satisfied = rng.binomial(respondents, np.clip(rate / 100, 0, 1))
            for t in targets:
                _hit(satisfied, respondents, t, rng)
            for m in range(N_MONTHS):
                rows.append((MONTHS[m], survey, question, int(respondents[m]), int(satisfied[m])))
    frame = pl.DataFrame(
        rows, schema=["month", "survey", "question", "respondents", "satisfied"], orient="row"
    )
    return frame.sort("month", "survey", "question")
