"""Anti-social behaviour incidents: one row per incident (synthetic).

Not calibrated to any published figure (the register has none the extract could reproduce):
the shape is modelled to look like ASB, not measured. A clear summer peak (warm evenings,
the school holidays), a lift during the 2020-21 lockdowns (breaches of the rules were logged
as ASB), a slow fall since; coastal and town-centre districts above their population share.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from sample.reference import districts
from sample.shapes import monthly_series, yearly
from sample.timeline import DAYS_IN_MONTH, MONTH_START

# Annual level at mid-year knots (synthetic).
LEVELS = yearly(31000, 30500, 36000, 29000, 27000, 25500, 24500, 25000)
SEASON = "asb"
LOCKDOWN_LIFT = -0.25  # negative: lockdowns raised recorded ASB
DISTRICT_RATE = {"Thanet": 1.6, "Medway": 1.2, "Canterbury": 1.2, "Folkestone and Hythe": 1.15,
                 "Dover": 1.1, "Gravesham": 1.1, "Swale": 1.05, "Sevenoaks": 0.7,
                 "Tunbridge Wells": 0.8, "Tonbridge and Malling": 0.8}  # fmt: skip
CATEGORIES = {"personal": 0.27, "nuisance": 0.63, "environmental": 0.10}
REPEAT_SHARE = {"personal": 0.42, "nuisance": 0.28, "environmental": 0.18}


def build_asb_incidents(rng: np.random.Generator) -> pl.DataFrame:
    expected = monthly_series(LEVELS, SEASON, LOCKDOWN_LIFT)
    counts = rng.poisson(expected)
    month = np.repeat(np.arange(len(counts)), counts)
    n = len(month)
    day = MONTH_START[month] + (rng.random(n) * DAYS_IN_MONTH[month]).astype(int)

    dist = districts()
    w = np.array([d.population * DISTRICT_RATE.get(d.name, 1.0) for d in dist])
    district = np.array([d.code for d in dist])[rng.choice(len(dist), size=n, p=w / w.sum())]
    shares = np.array(list(CATEGORIES.values()))
    category = np.array(list(CATEGORIES))[rng.choice(len(shares), size=n, p=shares)]
    repeat_p = np.vectorize(REPEAT_SHARE.get)(category)
    repeat = (rng.random(n) < repeat_p).astype(np.int8)

    order = np.lexsort((district, day))
    return pl.DataFrame(
        {
            "incident_id": [f"ASB{i:07d}" for i in range(1, n + 1)],
            "reported_date": day[order],
            "district_code": district[order],
            "category": category[order],
            "repeat_incident": repeat[order],
        }
    ).with_columns(pl.col("reported_date").cast(pl.Date))
