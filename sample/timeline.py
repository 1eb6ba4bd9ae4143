"""The sample's calendar: months April 2018 to September 2025 and the extract date."""

from __future__ import annotations

from datetime import date

import numpy as np

FIRST_MONTH = (2018, 4)
LAST_MONTH = (2025, 9)
# Every extract is as at this date: nothing in the sample happens after it.
EXTRACT_DATE = date(2025, 10, 15)


def _month_list() -> list[str]:
    months = []
    year, month = FIRST_MONTH
    while (year, month) <= LAST_MONTH:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


MONTHS: list[str] = _month_list()
N_MONTHS = len(MONTHS)
MONTH_INDEX = {m: i for i, m in enumerate(MONTHS)}

# First day of each month and of the month after, as numpy days.
MONTH_START = np.array([f"{m}-01" for m in MONTHS], dtype="datetime64[D]")
MONTH_END_EXCL = np.array(
    [np.datetime64(f"{m}-01", "M") + 1 for m in MONTHS], dtype="datetime64[M]"
).astype("datetime64[D]")
DAYS_IN_MONTH = (MONTH_END_EXCL - MONTH_START).astype(int)
CALENDAR_MONTH = np.array([int(m[5:]) for m in MONTHS])  # 1..12
# Mid-month as a decimal year, for trends.
DECIMAL_YEAR = np.array([int(m[:4]) + (int(m[5:]) - 0.5) / 12 for m in MONTHS])

DAYS = np.arange(MONTH_START[0], MONTH_END_EXCL[-1], dtype="datetime64[D]")
DAY_MONTH = np.searchsorted(MONTH_START, DAYS, side="right") - 1  # month index of each day
# Monday = 0 .. Sunday = 6 (1970-01-01 was a Thursday).
DAY_OF_WEEK = ((DAYS.astype(int) + 3) % 7).astype(int)


def window_mask(start: str, end: str) -> np.ndarray:
    """Months start..end inclusive (YYYY-MM) as a boolean mask over MONTHS."""
    if start not in MONTH_INDEX or end not in MONTH_INDEX:
        raise ValueError(f"window {start}..{end} is outside the sample period")
    mask = np.zeros(N_MONTHS, dtype=bool)
    mask[MONTH_INDEX[start] : MONTH_INDEX[end] + 1] = True
    return mask


def month_curve(knots: dict[str, float]) -> np.ndarray:
    """A value per month, linear between knots given as {'YYYY-MM': value}, flat beyond them."""
    xs = np.array([MONTH_INDEX[m] for m in knots])
    ys = np.array(list(knots.values()), dtype=float)
    order = np.argsort(xs)
    return np.interp(np.arange(N_MONTHS), xs[order], ys[order])
