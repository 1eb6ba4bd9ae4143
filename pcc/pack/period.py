"""The pack's reporting period: a quarter ending June, September, December or March."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcc.errors import UsageError
from pcc.measures import add_months, parse_month

QUARTER_END_MONTHS = (3, 6, 9, 12)


@dataclass(frozen=True)
class PackPeriod:
    end: date  # first day of the quarter's last month

    @property
    def year_start(self) -> date:
        return add_months(self.end, -11)

    @property
    def quarter_start(self) -> date:
        return add_months(self.end, -2)

    @property
    def label(self) -> str:
        """e.g. "April to June 2025"."""
        start = self.quarter_start
        return f"{start:%B} to {self.end:%B %Y}"

    @property
    def year_label(self) -> str:
        """e.g. "July 2024 to June 2025"."""
        return f"{self.year_start:%B %Y} to {self.end:%B %Y}"

    @property
    def tag(self) -> str:
        return f"{self.end.year:04d}-{self.end.month:02d}"


def quarter_label(end: date) -> str:
    """Short label of the quarter ending `end`, e.g. "Apr-Jun 2025"."""
    return f"{add_months(end, -2):%b}-{end:%b %Y}"


def quarter_tick(end: date) -> str:
    """Shorter still for chart axes, e.g. "Apr-Jun 25"."""
    return f"{add_months(end, -2):%b}-{end:%b %y}"


def parse_quarter_end(text: str) -> PackPeriod:
    month = parse_month(text, "--period-end")
    if month.month not in QUARTER_END_MONTHS:
        raise UsageError(
            f"--period-end must be a quarter end (March, June, September or December), got {text!r}"
        )
    return PackPeriod(month)
