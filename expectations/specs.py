"""The quality rules as plain data: what a suite expects of a frame, and how bad a failure is.

Kept free of Great Expectations imports so that commands that never check anything (pcc
measures, pcc sql, the explorer) never pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["critical", "warning"]


@dataclass(frozen=True)
class Rule:
    """One expectation: a GX expectation class name, its arguments, severity and why it exists."""

    expectation: str  # class in great_expectations.expectations, e.g. ExpectColumnValuesToBeBetween
    kwargs: dict[str, Any]
    severity: Severity
    rule: str  # the rule family shown to users: completeness, plausibility, range, ...
    description: str  # one line a non-analyst understands
    labels: tuple[str, ...] = ()  # frame columns naming a failing row (default: the suite's)

    @property
    def column(self) -> str | None:
        return self.kwargs.get("column") or self.kwargs.get("column_A")


@dataclass(frozen=True)
class Suite:
    """A GX expectation suite over one frame (a target): its name and rules.

    `frame_sql` builds the frame from the warehouse (mart suites); extract suites build their
    frames from the incoming file instead (see rules_extracts.py).
    """

    name: str
    target: str  # what the frame is read from: a mart table or an extract's check frame
    rules: tuple[Rule, ...]
    frame_sql: str = ""
    label_columns: tuple[str, ...] = field(default_factory=tuple)  # name failing rows in details


@dataclass(frozen=True)
class Result:
    """One expectation's outcome on one target, as stored in marts.dq_validation_results."""

    stage: str  # 'ingest' (extract suites) or 'refresh' (mart suites)
    suite: str
    target: str
    expectation: str
    column_name: str | None
    severity: str
    rule: str
    success: bool
    observed_value: str
    details: str

    @property
    def blocking(self) -> bool:
        return not self.success and self.severity == "critical"

    def one_line(self) -> str:
        return f"{self.rule} check failed ({self.suite}.{self.expectation}): {self.details}"
