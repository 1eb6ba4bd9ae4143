"""Statistical disclosure control for anything published (explorer public views, the pack).

Person-level counts below SUPPRESSION_THRESHOLD in a breakdown could identify someone, so they
are shown as "<5". Marts keep exact counts; suppression happens only at presentation.
"""

from __future__ import annotations

SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "<5"


def is_suppressed(count: int | None) -> bool:
    return count is not None and 0 < count < SUPPRESSION_THRESHOLD


def suppress_count(count: int | None) -> int | str | None:
    """The count to publish: "<5" for 1-4, otherwise the exact count (0 is not disclosive)."""
    return SUPPRESSED if is_suppressed(count) else count
