"""The offence model: what Kent's recorded crime looks like, series by series.

Annual levels are Kent-sized (about 160,000-175,000 crimes a year); the calibrated series are
then bent to the published figures (see crime_counts). Shares within a series split its monthly
count over Home Office offence codes; every current record-level code appears somewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sample.shapes import yearly


@dataclass(frozen=True)
class OffenceSeries:
    name: str
    codes: dict[str, float]  # offence code -> share of the series
    levels: dict[float, float]  # annual level at mid-year knots
    season: str
    lockdown: float  # 0.35 = 35% down in April 2020; negative = up
    outcomes: str  # outcome profile (outcomes.py)
    district_tilt: dict[str, float] = field(default_factory=dict)  # by district name


def _s(name, codes, levels, season, lockdown, outcomes, tilt=None) -> OffenceSeries:
    return OffenceSeries(name, codes, levels, season, lockdown, outcomes, tilt or {})


# Series whose monthly counts are calibrated to published figures, in drawing order. Homicide,
# violence with injury and robbery have levels and lockdown effects set so that their smooth
# shape is already within 3% of each published window, the 2020-21 trough (years to November
# 2021, F171 and F177) included: calibration then bends them only slightly.
CALIBRATED = [
    _s("homicide", {"1": 0.85, "4.1": 0.14, "4.2": 0.005, "4.10": 0.005},
       yearly(18, 17, 16, 14, 14, 18, 17, 15), "flat", 0.0, "homicide"),
    _s("violence_with_injury",
       {"8N": 0.845, "5D": 0.06, "8S": 0.045, "8P": 0.02, "5E": 0.012, "2": 0.004, "4.4": 0.006,
        "4.8": 0.002, "4.6": 0.0005, "4.7": 0.0003, "4.9": 0.0004, "4.3": 0.0001, "37.1": 0.0002},
       {2018.75: 20450, 2019.5: 19900, 2020.5: 18100, 2021.5: 18550, 2022.75: 18100,
        2023.75: 17150, 2024.75: 16500, 2025.5: 16300},
       "violence", 0.35, "violence", {"Thanet": 1.1, "Canterbury": 1.05}),
    _s("robbery_business", {"34A": 1.0}, yearly(172, 162, 110, 85, 72, 61, 58, 56),
       "robbery", 0.3, "robbery"),
    _s("robbery_personal", {"34B": 1.0},
       {2018.75: 1815, 2019.5: 1815, 2020.5: 1655, 2021.4: 960, 2022.3: 1325, 2023.0: 1120,
        2023.75: 1000, 2024.75: 1005, 2025.5: 960},
       "robbery", 0.2, "robbery", {"Medway": 1.2, "Dartford": 1.15, "Gravesham": 1.15}),
    _s("drug_trafficking", {"92A": 1.0}, yearly(1000, 1130, 1700, 1950, 2090, 2085, 2050, 2000),
       "drugs", -0.2, "drug_supply", {"Thanet": 1.3, "Medway": 1.2, "Swale": 1.1}),
    _s("drug_other", {"92C": 1.0}, yearly(10, 10, 12, 14, 15, 11, 10, 10), "flat", 0.0, "drugs"),
    _s("drug_possession_excl_cannabis", {"92D": 1.0}, yearly(560, 590, 680, 700, 725, 920, 960, 980),
       "drugs", -0.25, "drugs", {"Thanet": 1.2, "Canterbury": 1.15}),
    _s("drug_possession_cannabis", {"92E": 1.0},
       yearly(1800, 1860, 2300, 2050, 1995, 2100, 2150, 2150), "drugs", -0.3, "drugs",
       {"Thanet": 1.2, "Medway": 1.1}),
    _s("residential_burglary", {"28E": 0.66, "28F": 0.27, "28G": 0.03, "28H": 0.01, "29A": 0.03},
       yearly(8200, 7850, 6000, 5100, 4790, 4480, 4300, 4150), "burglary", 0.35, "burglary",
       {"Dartford": 1.2, "Gravesham": 1.15, "Sevenoaks": 1.1}),
    _s("theft_from_person", {"39": 1.0}, yearly(1400, 1370, 900, 1000, 1040, 1000, 990, 970),
       "pickpocket", 0.4, "theft", {"Canterbury": 1.3, "Maidstone": 1.2, "Dartford": 1.3}),
    _s("vehicle_offences", {"45": 0.52, "48": 0.35, "126": 0.10, "37.2": 0.03},
       yearly(14200, 13800, 10500, 9700, 9630, 9480, 9300, 9100), "vehicle", 0.3, "vehicle",
       {"Dartford": 1.3, "Gravesham": 1.2, "Medway": 1.1}),
]  # fmt: skip

# Other victim-based crime: calibrated only as a whole (the victim-based crime measure), then
# shared among these series month by month in proportion to their own shapes.
OTHER_VICTIM_BASED = [
    _s("violence_without_injury",
       {"105A": 0.78, "104": 0.07, "3B": 0.08, "11A": 0.04, "105B": 0.02, "36": 0.006, "13": 0.003,
        "106": 0.008, "3A": 0.0003, "14": 0.0001},
       yearly(28000, 29500, 29000, 30000, 29500, 28500, 27500, 26500), "violence", 0.15,
       "violence", {"Thanet": 1.1}),
    _s("stalking_and_harassment", {"8L": 0.30, "8R": 0.38, "8Q": 0.26, "8M": 0.06},
       yearly(22000, 26000, 31000, 33000, 32000, 30000, 28500, 27500), "harassment", -0.05,
       "harassment"),
    _s("rape", {"19C": 0.62, "19D": 0.13, "19E": 0.08, "19F": 0.05, "19G": 0.05, "19H": 0.07},
       yearly(1900, 2050, 2000, 2300, 2250, 2150, 2100, 2050), "sexual", 0.15, "sexual"),
    _s("other_sexual_offences",
       {"20A": 0.42, "17A": 0.05, "17B": 0.03, "20B": 0.08, "21": 0.05, "22A": 0.03, "22B": 0.10,
        "23": 0.01, "70": 0.005, "71": 0.02, "72": 0.003, "73": 0.01, "88A": 0.04, "88C": 0.03,
        "88D": 0.001, "88E": 0.12},
       yearly(3300, 3500, 3300, 3900, 3800, 3650, 3550, 3450), "sexual", 0.2, "sexual"),
    _s("non_residential_burglary", {"30C": 0.72, "30D": 0.25, "31A": 0.03},
       yearly(4200, 3900, 3000, 2900, 2800, 2650, 2500, 2400), "burglary", 0.25, "burglary"),
    _s("bicycle_theft", {"44": 1.0}, yearly(1900, 1850, 1900, 1600, 1500, 1400, 1350, 1300),
       "cycle", 0.2, "theft", {"Canterbury": 1.6, "Tunbridge Wells": 1.1}),
    _s("shoplifting", {"46": 1.0},
       yearly(10000, 10200, 7200, 8200, 10000, 11800, 12600, 12800), "shoplifting", 0.4,
       "shoplifting",
       {"Dartford": 1.6, "Canterbury": 1.25, "Maidstone": 1.2, "Ashford": 1.1, "Sevenoaks": 0.8}),
    _s("other_theft",
       {"49": 0.64, "49A": 0.12, "40": 0.07, "41": 0.05, "35": 0.04, "42": 0.015, "43": 0.01,
        "47": 0.01},
       yearly(16500, 16000, 12000, 12800, 12500, 12000, 11600, 11300), "theft", 0.3, "theft"),
    _s("criminal_damage", {"58A": 0.28, "58B": 0.13, "58C": 0.30, "58D": 0.27, "58J": 0.02},
       yearly(15000, 14500, 13200, 13000, 13000, 12500, 11900, 11400), "damage", 0.15, "damage",
       {"Thanet": 1.1, "Swale": 1.1}),
    _s("arson", {"56A": 0.12, "56B": 0.88}, yearly(900, 880, 850, 820, 800, 780, 760, 740),
       "arson", 0.0, "damage"),
]  # fmt: skip

# Not victim-based and not calibrated: drawn around their own shapes.
OTHER_STATE_BASED = [
    _s("public_order", {"9A": 0.88, "9B": 0.07, "62A": 0.01, "66": 0.04},
       yearly(12500, 13500, 14500, 15500, 15000, 14000, 13200, 12800), "disorder", 0.0,
       "public_order", {"Thanet": 1.15, "Medway": 1.1}),
    _s("possession_of_weapons", {"10D": 0.52, "10C": 0.33, "10A": 0.02, "10B": 0.06, "81": 0.05,
                                 "90": 0.02},
       yearly(1700, 1900, 1900, 2000, 2100, 2150, 2100, 2050), "flat", -0.1, "weapons",
       {"Medway": 1.2, "Thanet": 1.15}),
    _s("miscellaneous",
       {"54": 0.06, "33": 0.03, "33A": 0.04, "59": 0.12, "61": 0.02, "61A": 0.03, "67": 0.005,
        "69": 0.02, "76": 0.003, "79": 0.06, "80": 0.01, "83": 0.01, "86": 0.30, "95": 0.02,
        "96": 0.02, "99": 0.06, "802": 0.08, "814": 0.01, "15": 0.001, "24": 0.005, "26": 0.001,
        "27": 0.003, "38": 0.01, "60": 0.002},
       yearly(3400, 3500, 3600, 3700, 3700, 3600, 3500, 3400), "flat", 0.0, "miscellaneous"),
]  # fmt: skip

# Count measures of the register that are sums of whole series. A measure over several series
# is made exact through the last of them to be drawn (e.g. robbery through robbery_personal;
# victim-based crime through the other victim-based series as one block).
MEASURE_SERIES: dict[str, tuple[str, ...]] = {
    "homicide": ("homicide",),
    "violence_with_injury": ("violence_with_injury",),
    "robbery_business": ("robbery_business",),
    "robbery_personal": ("robbery_personal",),
    "robbery": ("robbery_business", "robbery_personal"),
    "drug_trafficking": ("drug_trafficking",),
    "drug_other": ("drug_other",),
    "drug_possession_excl_cannabis": ("drug_possession_excl_cannabis",),
    "drug_possession_cannabis": ("drug_possession_cannabis",),
    "drug_offences": (
        "drug_trafficking", "drug_other", "drug_possession_excl_cannabis",
        "drug_possession_cannabis",
    ),
    "residential_burglary": ("residential_burglary",),
    "theft_from_person": ("theft_from_person",),
    "vehicle_offences": ("vehicle_offences",),
    "neighbourhood_crime": (
        "residential_burglary", "robbery_personal", "theft_from_person", "vehicle_offences",
    ),
}  # fmt: skip
OTHER_VICTIM_BASED_BLOCK = "other_victim_based"

# Kent districts: recorded crime per head relative to the county (by district name).
DISTRICT_CRIME_RATE = {
    "Ashford": 0.95, "Canterbury": 1.08, "Dartford": 1.05, "Dover": 1.02,
    "Folkestone and Hythe": 1.05, "Gravesham": 1.05, "Maidstone": 1.12, "Medway": 1.15,
    "Sevenoaks": 0.68, "Swale": 1.08, "Thanet": 1.38, "Tonbridge and Malling": 0.8,
    "Tunbridge Wells": 0.72,
}  # fmt: skip
