"""The one formatter: every figure the CLI, the explorer and the pack print goes through here.

Numbers arrive already rounded (half-up, once, in dbt: marts.fct_measure_board's *_rounded
columns); this module only writes them: thousands separators, the unit's suffix, a sign for
changes, "–" for a figure that cannot be computed and "<5" for one withheld by disclosure
control. It holds no arithmetic, thresholds or polarity rules.
"""

from __future__ import annotations

from decimal import Decimal

DASH = "–"
SUPPRESSED = "<5"  # the label of a withheld count (threshold: dbt var suppression_threshold)
PERCENTAGE_POINTS = " pp"

VERDICT_WORDS = {
    "better": "better",
    "worse": "worse",
    "no significant change": "no significant change",
    "context only": "context only",
    "not tested": "not tested",
    "provisional": "provisional",
}


def number(value: Decimal | int | float | None, decimals: int = 0, *, signed: bool = False) -> str:
    """A rounded figure with thousands separators; `signed` puts + before a rise."""
    if value is None:
        return DASH
    text = f"{Decimal(value):,.{decimals}f}"
    if signed and Decimal(value) > 0:
        text = "+" + text
    return text


def measure_value(value, unit: str, decimals: int, *, signed: bool = False) -> str:
    """A value (or, `signed`, a change) of a measure in its unit: 12.3%, +1.2 pp, 3.1 s."""
    if value is None:
        return DASH
    text = number(value, decimals, signed=signed)
    if unit == "percent":
        return text + (PERCENTAGE_POINTS if signed else "%")
    if unit == "seconds":
        return text + " s"
    return text


def pct_change(value) -> str:
    """A percentage change: +5.0%."""
    return DASH if value is None else number(value, 1, signed=True) + "%"


def verdict(word: str | None) -> str:
    return "no comparison" if word is None else VERDICT_WORDS.get(word, word)


def withheld(text: str, suppressed: bool | None) -> str:
    """`text`, or "<5" when disclosure control withholds the figure."""
    return SUPPRESSED if suppressed else text


def month(value) -> str:
    """A month as Jan 2025."""
    return value.strftime("%b %Y")


def month_span(first, last) -> str:
    return f"{month(first)} – {month(last)}"
