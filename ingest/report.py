"""What an ingest reports: one FileResult per file (or per landing table of a public file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ingest.violation import Violation


@dataclass(frozen=True)
class FileResult:
    file: str  # as shown to the user
    # 'loaded', 'superseded', 'reinstated', 'unchanged', 'outdated', 'quarantined', 'rejected'
    action: str
    source: str | None = None
    rows: int | None = None
    first_month: date | None = None
    last_month: date | None = None
    load_id: int | None = None
    superseded_months: int = 0
    superseded_load_ids: tuple[int, ...] = ()
    violation: Violation | None = None
    warnings: tuple[str, ...] = ()  # extract-suite warnings (the file was still accepted)
    note: str = ""  # why a file was quarantined or not loaded, what a reinstatement undid

    @property
    def action_text(self) -> str:
        if self.action == "superseded":
            plural = "s" if self.superseded_months != 1 else ""
            return f"superseded {self.superseded_months} month{plural}"
        if self.action == "rejected":
            return f"rejected: {self.violation.reason}"
        if self.note:
            return f"{self.action}: {self.note}"
        return self.action

    @property
    def months_text(self) -> str:
        if self.first_month is None:
            return ""
        first, last = self.first_month.strftime("%Y-%m"), self.last_month.strftime("%Y-%m")
        return first if first == last else f"{first}..{last}"


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    quality_seconds: float = 0.0  # spent in the extract suites

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.action == "rejected"]

    @property
    def quarantined(self) -> list[FileResult]:
        return [f for f in self.files if f.action == "quarantined"]
