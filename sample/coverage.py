"""Which published figures the generator models: it refuses to write a sample that would
silently miss one."""

from __future__ import annotations

from sample import referrals, s136
from sample.crime_counts import VICTIM_BASED_MEASURE
from sample.errors import SampleError
from sample.flags import FLAG_SERIES
from sample.offences import MEASURE_SERIES
from sample.outcome_calibration import COMMUNITY_RESOLUTIONS_MEASURE, OUT_OF_COURT_MEASURE
from sample.register import Figure

CALL_MEASURES = (
    "calls_999_within_10s_pct", "calls_999_avg_answer_seconds", "calls_999_abandoned_pct",
    "calls_999_months_meeting_standard", "calls_101_answered_pct", "calls_101_avg_answer_seconds",
    "calls_101_abandoned_pct", "calls_for_service",
)  # fmt: skip
SATISFACTION_MEASURES = (
    "satisfaction_domestic_abuse", "satisfaction_hate_crime", "satisfaction_rape_dignity",
    "satisfaction_rape_fairness",
)  # fmt: skip


def modelled_measures() -> set[str]:
    return (
        set(MEASURE_SERIES)
        | {VICTIM_BASED_MEASURE, COMMUNITY_RESOLUTIONS_MEASURE, OUT_OF_COURT_MEASURE, s136.MEASURE}
        | {measure for measure, *_ in FLAG_SERIES.values()}
        | set(CALL_MEASURES)
        | set(SATISFACTION_MEASURES)
        | set(referrals.MEASURES)
    )


def check_register(figures: list[Figure]) -> None:
    """Refuse to write a sample that would silently miss a published figure."""
    unknown = sorted(
        {(f.figure_id, f.measure_id) for f in figures if f.measure_id not in modelled_measures()}
    )
    if unknown:
        figure_id, measure_id = unknown[0]
        raise SampleError(
            f"published_figures.csv {figure_id}: measure {measure_id} is not modelled by the sample "
            "generator (add it to sample/, or set reconcile = no)"
        )
