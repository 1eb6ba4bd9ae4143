"""A table cell as both outputs show it: the text the PDF prints (pcc.present.format) and the
number the workbook stores, taken from the same rounded figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pcc.present import format as fmt
from pcc.present.trend_text import number_text

# How the workbook formats a number: the same decimals and sign the PDF's text has.
COUNT, DECIMAL, DECIMAL_2, COUNT_CHANGE, DECIMAL_CHANGE, TEXT = (
    "count",
    "decimal",
    "decimal_2",
    "count_change",
    "decimal_change",
    "text",
)


@dataclass(frozen=True)
class Cell:
    text: str  # as printed
    number: int | float | None = None  # as the workbook stores it; None: the text
    style: str = TEXT


def text(value: str | None) -> Cell:
    return Cell(fmt.DASH if value is None else value)


def _number(value: Decimal | None, decimals: int) -> int | float | None:
    if value is None:
        return None
    return int(value) if decimals == 0 else float(value)


def figure(
    value: Decimal | None, unit: str, decimals: int, *, signed=False, withheld=False
) -> Cell:
    """A value or change of a measure in its unit; "<5" when disclosure control withholds it."""
    if withheld:
        return Cell(fmt.SUPPRESSED)
    if signed:
        style = COUNT_CHANGE if decimals == 0 else DECIMAL_CHANGE
    else:
        style = COUNT if decimals == 0 else DECIMAL
    text = fmt.measure_value(value, unit, decimals, signed=signed)
    return Cell(text, _number(value, decimals), style)


def pct(value: Decimal | None, *, withheld=False) -> Cell:
    if withheld:
        return Cell(fmt.SUPPRESSED)
    return Cell(fmt.pct_change(value), _number(value, 1), DECIMAL_CHANGE)


def whole(value: float | None) -> Cell:
    """A float of the trend marts, as pcc.present.trend_text prints it (whole numbers)."""
    printed = number_text(value, "")
    number = None if printed == fmt.DASH else int(printed.replace(",", ""))
    return Cell(printed, number, COUNT)
