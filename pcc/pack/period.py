"""The pack's reporting period: a quarter ending June, September, December or March.

The months of every window (the rolling year, the quarter, the same windows a year earlier and
the like-for-like baselines) come from marts.fct_measure_board; this module only validates the
period end asked for and names the windows in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcc.errors import UsageError
from pcc.months import QUARTER_END_MONTHS, month_text, parse_month
from pcc.present import format as fmt
from pcc.read.board import BoardRow


def parse_quarter_end(text: str) -> date:
    month = parse_month(text, "--period-end")
    if month.month not in QUARTER_END_MONTHS:
        raise UsageError(
            f"--period-end must be a quarter end (March, June, September or December), got {text!r}"
        )
    return month


@dataclass(frozen=True)
class Span:
    """A window's months, as the board gives them."""

    start: date
    end: date

    @property
    def short(self) -> str:
        """e.g. "Apr-Jun 2025" (a quarter) or "Jul 2024-Jun 2025"."""
        if self.start.year == self.end.year:
            return f"{self.start:%b}-{fmt.month(self.end)}"
        return f"{fmt.month(self.start)}-{fmt.month(self.end)}"

    @property
    def tick(self) -> str:
        """Shorter still for chart axes, e.g. "Apr-Jun 25"."""
        return f"{self.start:%b}-{self.end:%b %y}"

    @property
    def words(self) -> str:
        """e.g. "April to June 2025" or "July 2024 to June 2025"."""
        if self.start.year == self.end.year:
            return f"{self.start:%B} to {self.end:%B %Y}"
        return f"{self.start:%B %Y} to {self.end:%B %Y}"


def current(row: BoardRow) -> Span:
    return Span(row.period_start, row.period_end)


def previous(row: BoardRow) -> Span:
    return Span(row.previous_period_start, row.previous_period_end)


def baseline(row: BoardRow) -> Span:
    return Span(row.baseline_period_start, row.baseline_period_end)


@dataclass(frozen=True)
class PackPeriod:
    end: date  # first day of the quarter's last month
    year: Span
    previous_year: Span
    year_baseline: Span
    quarter: Span
    previous_quarter: Span
    quarter_baseline: Span

    @classmethod
    def from_rows(cls, year: BoardRow, quarter: BoardRow) -> PackPeriod:
        return cls(
            year.period_end,
            current(year),
            previous(year),
            baseline(year),
            current(quarter),
            previous(quarter),
            baseline(quarter),
        )

    @property
    def label(self) -> str:
        """e.g. "April to June 2025"."""
        return self.quarter.words

    @property
    def year_label(self) -> str:
        """e.g. "July 2024 to June 2025"."""
        return self.year.words

    @property
    def tag(self) -> str:
        return month_text(self.end)
