"""Fixed wording shared by the workbook and the PDF (titles, notes, the cover's facts)."""

from __future__ import annotations

from datetime import UTC, datetime

from pcc.pack.data import PackData
from pcc.pack.gate import DRAFT_STAMP
from pcc.present import format as fmt

PACK_TITLE = "Police and Crime Plan: Delivery and Performance"
SYNTHETIC_NOTE = (
    "Synthetic sample data: generated records calibrated to Kent's published totals, "
    "not real crimes or people."
)
SUPPRESSION_NOTE = (
    f"Counts about people too small to publish are shown as {fmt.SUPPRESSED} (disclosure "
    "control), and so are the changes next to them and any figure from which one could be "
    "worked out."
)
ROUNDING_NOTE = (
    "Counts are exact. Percentages use summed numerators and denominators over the window, "
    "rounded half-up only for presentation; changes in rates are percentage points (pp). "
    "Better or worse only where the change is statistically significant (95%). "
    f"{fmt.DASH} means not computable (months outside the data, or a zero comparison)."
)


def refreshed_text(moment: datetime | None) -> str:
    if moment is None:
        return "not recorded"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%d %B %Y %H:%M} UTC"


def data_as_at_text(data: PackData) -> str:
    return f"{data.data_as_at:%B %Y}" if data.data_as_at else "not recorded"


def subtitle(data: PackData) -> str:
    p = data.period
    return (
        f"Quarter {p.label}; rolling year {p.year_label}. Data as at {data_as_at_text(data)}; "
        f"refreshed {refreshed_text(data.refreshed_at)}."
    )


def quality_status(data: PackData, draft: bool) -> str:
    status = data.quality.headline()
    if draft:
        return f"{DRAFT_STAMP}. {status}"
    return status


def baseline_text(data: PackData) -> str:
    p = data.period
    return (
        f"{p.year_baseline.words} for the rolling year; the same quarter of the baseline year "
        f"({p.quarter_baseline.words}) for the quarter"
    )


def cover_lines(data: PackData, draft: bool = False) -> list[tuple[str, str]]:
    p = data.period
    lines = [
        ("Title", PACK_TITLE),
        ("Period", f"Quarter {p.label}; rolling year {p.year_label}"),
        ("Data as at", data_as_at_text(data)),
        ("Warehouse refreshed", refreshed_text(data.refreshed_at)),
        ("Data quality", quality_status(data, draft)),
        ("Baseline", baseline_text(data)),
    ]
    if data.revisions:
        lines.append(("Revised since publication", "; ".join(data.revisions)))
    if data.synthetic:
        lines.append(("Data", SYNTHETIC_NOTE))
    return lines
