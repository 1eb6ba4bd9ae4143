"""Which crimes carry which flags and victim type, by offence code.

Flags are only ever set where the offence can plausibly carry them (a knife on a robbery, never
on shoplifting; an organisation as victim of shoplifting, never of rape). Flags with published
figures (domestic abuse, VAWG, knife, firearm, online crime against organisations) are set on
exactly the calibrated number of crimes each month, chosen at random with these weights.
"""

from __future__ import annotations

import numpy as np

from sample.shapes import yearly

STATE_BASED_GROUPS = ("Drug offences", "Possession of weapons offences", "Public order offences")

# Share of crimes whose victim is an organisation (the rest: a person), by offence code.
ORGANISATION_SHARE = {
    "46": 1.0, "34A": 1.0, "41": 1.0, "43": 1.0, "47": 0.95, "49A": 0.95, "30C": 0.9, "30D": 0.9,
    "31A": 0.9, "58B": 0.85, "58D": 0.4, "58J": 0.3, "49": 0.25, "35": 0.2, "42": 0.3, "45": 0.12,
    "48": 0.15, "126": 0.1, "37.2": 0.1, "56B": 0.25, "56A": 0.05, "58C": 0.15, "44": 0.03,
}  # fmt: skip
# Miscellaneous crimes: (person, organisation) shares; the rest have no individual victim.
MISCELLANEOUS_VICTIMS = {
    "59": (0.6, 0.1), "76": (1.0, 0.0), "26": (1.0, 0.0), "61": (0.4, 0.6), "60": (0.0, 1.0),
    "814": (0.0, 0.3), "99": (0.15, 0.05), "33A": (0.0, 0.2),
}  # fmt: skip

# Share of crimes flagged online / cyber-enabled (organisation victims aside: see below).
ONLINE_SHARE = {
    "8R": 0.55, "8L": 0.25, "8Q": 0.30, "8M": 0.15, "3B": 0.12, "88A": 0.75, "86": 0.70,
    "71": 0.25, "22B": 0.20, "21": 0.04, "20A": 0.02, "88E": 0.12, "88C": 0.10, "33A": 0.40,
    "61": 0.30, "61A": 0.10, "35": 0.55, "49": 0.12, "41": 0.08, "49A": 0.02, "9A": 0.06,
    "9B": 0.10, "99": 0.15, "59": 0.05, "95": 0.10, "79": 0.05, "105A": 0.005, "66": 0.05,
    "54": 0.05, "73": 0.15, "72": 0.10, "106": 0.05,
}  # fmt: skip

# Hate crime flag: the racially or religiously aggravated codes always, a few others sometimes.
HATE_SHARE = {
    "8M": 1.0, "8P": 1.0, "9B": 1.0, "58J": 1.0, "105B": 1.0,
    "9A": 0.08, "105A": 0.03, "8N": 0.015, "8L": 0.04, "8R": 0.05, "58A": 0.01, "58B": 0.01,
    "58C": 0.005, "58D": 0.01, "3B": 0.02, "104": 0.01, "5D": 0.005, "56A": 0.01, "56B": 0.003,
}  # fmt: skip

# Selection weights (relative) for the calibrated flags; codes not listed never carry the flag.
DOMESTIC_ABUSE_WEIGHT = {
    "8N": 1.0, "5D": 0.5, "2": 0.4, "5E": 0.3, "8P": 0.1, "105A": 1.0, "3B": 1.0, "11A": 0.4,
    "13": 0.5, "36": 0.5, "106": 0.1, "8L": 1.3, "8Q": 1.8, "8R": 0.9, "8M": 0.1, "19C": 0.8,
    "19D": 0.15, "19F": 0.3, "20A": 0.3, "22A": 0.8, "23": 0.8, "17A": 0.1, "58A": 0.7,
    "58C": 0.35, "58D": 0.25, "56A": 0.3, "56B": 0.1, "1": 0.8, "4.1": 0.3, "4.7": 0.5,
}  # fmt: skip
# Violence against women and girls: crimes against female victims. Domestic abuse crimes of
# these codes weigh more; codes defined by a male victim never carry it.
VAWG_WEIGHT = {
    "19C": 4.0, "19D": 4.0, "19E": 4.0, "20A": 4.0, "20B": 4.0, "21": 2.0, "22A": 3.0, "22B": 3.0,
    "23": 2.0, "70": 2.0, "71": 3.0, "72": 3.0, "73": 2.0, "88A": 2.0, "88C": 1.0, "88E": 2.5,
    "8Q": 2.5, "8L": 1.0, "8R": 0.8, "8N": 0.08, "105A": 0.08, "3B": 0.3, "1": 0.5, "5D": 0.05,
    "11A": 0.3, "36": 0.3, "106": 0.5, "58A": 0.05,
}  # fmt: skip
VAWG_DOMESTIC_WEIGHT = 3.0  # a domestic abuse crime of a code that can be VAWG
MALE_VICTIM_CODES = ("17A", "17B", "19F", "19G", "19H")
KNIFE_WEIGHT = {
    "2": 30, "1": 25, "4.1": 5, "5D": 12, "5E": 3, "8N": 0.6, "8P": 0.5, "8S": 0.3, "3B": 2.5,
    "105A": 0.15, "36": 3, "34B": 9, "34A": 12, "10D": 10, "19C": 0.3, "20A": 0.1, "22A": 0.2,
}  # fmt: skip
FIREARM_WEIGHT = {
    "10A": 50, "10B": 10, "81": 8, "34A": 5, "34B": 1.2, "2": 5, "5D": 0.6, "5E": 2, "8N": 0.03,
    "3B": 0.5, "1": 5, "105A": 0.01,
}  # fmt: skip
# Online crime against organisations (the cyber proxy): ransomware-style blackmail, online
# theft and forgery against businesses.
ONLINE_ORGANISATION_WEIGHT = {"35": 4.0, "49": 1.0, "61": 2.0, "41": 0.5}

# Calibrated flag series: (measure_id, annual levels, season, lockdown effect).
FLAG_SERIES = {
    "domestic_abuse": ("domestic_abuse_offences",
                       yearly(24000, 27000, 30000, 31500, 31500, 30500, 29300, 28000),
                       "domestic", -0.08),
    "vawg": ("vawg_offences", yearly(28500, 31500, 34000, 36000, 36000, 35000, 33400, 32000),
             "domestic", -0.05),
    "knife": ("knife_offences", yearly(950, 1000, 880, 860, 880, 860, 850, 880), "violence", 0.2),
    "firearm": ("firearms_offences", yearly(140, 130, 115, 112, 110, 113, 108, 105), "flat", 0.1),
    "online_organisation": ("cyber_online_org_victim", yearly(60, 75, 100, 115, 118, 72, 65, 60),
                            "flat", -0.2),
}  # fmt: skip


def weights_for(codes: np.ndarray, table: dict[str, float]) -> np.ndarray:
    """Per-row weight from a code table (0 where the code is not listed)."""
    return np.vectorize(lambda c: table.get(c, 0.0), otypes=[float])(codes)


def select_per_month(
    month: np.ndarray, weights: np.ndarray, targets: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Exactly targets[m] rows in each month m, drawn without replacement with these weights.

    Weighted sampling by exponential keys (Efraimidis-Spirakis): the rows with the largest
    log(u) / w in each month are taken.
    """
    selected = np.zeros(len(month), dtype=bool)
    eligible = np.flatnonzero(weights > 0)
    keys = np.log(rng.random(len(eligible))) / weights[eligible]
    order = eligible[np.lexsort((-keys, month[eligible]))]
    ordered_months = month[order]
    first = np.searchsorted(ordered_months, ordered_months, side="left")
    rank = np.arange(len(order)) - first
    available = np.bincount(ordered_months, minlength=len(targets))
    if (available < targets).any():
        m = int(np.flatnonzero(available < targets)[0])
        raise ValueError(f"month {m}: {targets[m]} flags wanted, {available[m]} crimes eligible")
    selected[order[rank < targets[ordered_months]]] = True
    return selected
