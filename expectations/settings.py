"""Thresholds of the quality gate, with environment overrides for the performance team."""

from __future__ import annotations

import os

from expectations.errors import QualityError

# Plausibility: a month whose volume is further than this many standard deviations from the
# mean of its preceding months is a warning (never a failure: real events move numbers).
PLAUSIBILITY_SIGMA = float(os.environ.get("PCC_DQ_PLAUSIBILITY_SIGMA", "4"))
PLAUSIBILITY_HISTORY_MONTHS = 12  # months of history the mean and deviation come from
PLAUSIBILITY_MIN_HISTORY = 6  # fewer months of history: no judgement (z-score left empty)

# A smooth history has a tiny deviation that would make a 3% move look extreme: the deviation
# used is at least this share of the mean.
PLAUSIBILITY_MIN_RELATIVE_SD = 0.05

# Freshness: how many whole months after a month ends its data is expected to be loaded.
# A source whose latest month is older than today minus this lag is a warning.
EXPECTED_LAG_MONTHS: dict[str, int] = {
    "crime_records": 2,
    "call_handling": 1,
    "s136_detentions": 2,
    "victim_referrals": 2,
    "victim_satisfaction": 3,
    "asb_incidents": 1,
    # DfT publishes STATS19 once a year (provisional half-years aside).
    "road_casualties": 12,
}


def expected_lag(source: str) -> int:
    """The lag for a source, overridable as PCC_DQ_LAG_<SOURCE> (months)."""
    override = os.environ.get(f"PCC_DQ_LAG_{source.upper()}")
    return int(override) if override else EXPECTED_LAG_MONTHS[source]


# The reconciliation with Kent's published register blocks a publish. Synthetic volume data
# (`pcc sample --scale national` counts every force's crimes as Kent's) cannot reproduce it,
# so the national benchmark sets PCC_DQ_RECONCILIATION=warning: mismatches are recorded as
# warnings instead of stopping the publish. Never set it for Kent's own data.
RECONCILIATION_RULE = "reconciliation"


def severity(rule: str, declared: str) -> str:
    """A rule's severity: as declared, except the reconciliation when overridden."""
    if rule != RECONCILIATION_RULE:
        return declared
    override = os.environ.get("PCC_DQ_RECONCILIATION", "").strip().lower()
    if override in ("", "critical"):
        return declared
    if override == "warning":
        return "warning"
    raise QualityError(f"PCC_DQ_RECONCILIATION must be critical or warning, not {override!r}")


def expectation_parameters() -> dict[str, float]:
    """Values of the suite parameters ($PARAMETER) the committed suites refer to."""
    return {
        "plausibility_min_z": -PLAUSIBILITY_SIGMA,
        "plausibility_max_z": PLAUSIBILITY_SIGMA,
    }
