"""Months as users type and read them: YYYY-MM."""

from __future__ import annotations

import re
from datetime import date

from pcc.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_END_MONTHS = (3, 6, 9, 12)  # the months a quarterly board pack may end on


def parse_month(text: str, option: str) -> date:
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"{option} must be a month as YYYY-MM, got {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"
