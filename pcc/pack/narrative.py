"""One generated sentence per measure, in the words of the board's verdict.

Counts: "Residential burglary fell 6.6% (315 offences) on the previous year and is 43.6% below
the December 2019 baseline. Performance improved." Better or worse is the board's verdict
(marts.fct_measure_board: significance-tested, by polarity, in dbt), never decided here; a
change the board found not significant is "no significant change", never "rose" or "fell";
context-only measures get neutral words. Percentages move in percentage points. Figures the
board withholds (disclosure control) are not written out.
"""

from __future__ import annotations

from decimal import Decimal

from pcc.pack.data import MeasureFigures
from pcc.pack.trend import ChangeSignificance
from pcc.present import format as fmt
from pcc.present.trend_text import NO_SIGNIFICANT_CHANGE, pct_interval_text
from pcc.read.board import BoardRow

BETTER, WORSE, CONTEXT_ONLY = "better", "worse", "context only"
NOT_SIGNIFICANT = "not significant"
# The summary's groups, by the board's verdict on the previous year (None: no comparison).
VERDICT_GROUPS = (
    (BETTER, "Improved on the previous year"),
    (WORSE, "Worsened on the previous year"),
    (NO_SIGNIFICANT_CHANGE, "No significant change on the previous year (within chance variation)"),
    ("not tested", "Changes not tested for significance"),
    ("context only", "Context measures (a rise or fall is neither better nor worse)"),
    (None, "No comparison with the previous year"),
)


def judgement(figures: MeasureFigures) -> str | None:
    """The board's verdict on the previous year."""
    return figures.year.verdict_vs_previous


def _units(amount: Decimal, unit: str) -> str:
    # Singular only for exactly one whole unit: "1 offence", but "1.0 percentage points".
    one = abs(amount) == 1 and amount.as_tuple().exponent >= 0
    if unit == "percent":
        return "percentage point" if one else "percentage points"
    if one and unit.endswith("s"):
        return unit[:-1]
    return unit


def _number(value: Decimal, decimals: int) -> str:
    return fmt.number(value, decimals)


def _level(r: BoardRow, value: Decimal) -> str:
    if r.unit == "percent":
        return fmt.measure_value(value, r.unit, r.value_decimals)
    return f"{_number(value, r.value_decimals)} {_units(value, r.unit)}"


def _amount(r: BoardRow, change: Decimal) -> str:
    """A change's size in words: "315 offences", "2.5 percentage points"."""
    size = abs(change)
    return f"{_number(size, r.value_decimals)} {_units(size, r.unit)}"


def _baseline_clause(r: BoardRow) -> str:
    when = f"the {r.baseline_period_end:%B %Y} baseline"
    change = r.change_vs_baseline_rounded
    if change is None or r.change_vs_baseline_suppressed:
        return ""
    if change == 0:
        return f" and is level with {when}"
    if r.significance_vs_baseline == NOT_SIGNIFICANT:
        pct = r.pct_change_vs_baseline_rounded
        shown = "" if pct is None else f" ({fmt.pct_change(pct)})"
        return f" and is not significantly different from {when}{shown}"
    side = "above" if change > 0 else "below"
    if r.kind == "ratio" or r.pct_change_vs_baseline_rounded is None:
        return f" and is {_amount(r, change)} {side} {when}"
    return f" and is {_number(abs(r.pct_change_vs_baseline_rounded), 1)}% {side} {when}"


def _interval(significance: ChangeSignificance | None) -> str:
    if significance is None or significance.lower is None:
        return ""
    return f": 95% interval {pct_interval_text(significance.lower, significance.upper)}"


def _count_sentence(r: BoardRow, significance: ChangeSignificance | None) -> str:
    change, pct = r.change_rounded, r.pct_change_rounded
    if change == 0:
        return (
            f"{r.measure_name} showed no change on the previous year ({_level(r, r.value_rounded)})"
        )
    if r.significance_vs_previous == NOT_SIGNIFICANT and r.verdict_vs_previous == CONTEXT_ONLY:
        # The board's verdict is "context only": the sentence says the change and that it is
        # within chance, and leaves the verdict words (better, worse, no significant change) out.
        shown = "" if pct is None else f" ({fmt.pct_change(pct)})"
        return (
            f"{r.measure_name} changed by {fmt.number(change, 0, signed=True)}{shown} on the "
            f"previous year ({_level(r, r.value_rounded)}; within chance "
            f"variation{_interval(significance)})"
        )
    if r.significance_vs_previous == NOT_SIGNIFICANT:
        shown = "" if pct is None else f", {fmt.pct_change(pct)}"
        return (
            f"{r.measure_name} showed {NO_SIGNIFICANT_CHANGE} on the previous year "
            f"({_level(r, r.value_rounded)}; {fmt.number(change, 0, signed=True)}{shown}, "
            f"within chance variation{_interval(significance)})"
        )
    verb = "rose" if change > 0 else "fell"
    if pct is None:
        return f"{r.measure_name} {verb} by {_amount(r, change)} on the previous year"
    return (
        f"{r.measure_name} {verb} {_number(abs(pct), 1)}% ({_amount(r, change)}) "
        "on the previous year"
    )


def _ratio_sentence(r: BoardRow) -> str:
    level, before = _level(r, r.value_rounded), _level(r, r.previous_value_rounded)
    change = r.change_rounded
    if change == 0:
        return f"{r.measure_name} showed no change on the previous year ({level})"
    by = _amount(r, change)
    if r.verdict_vs_previous == BETTER:
        return f"{r.measure_name} improved by {by} to {level} on the previous year ({before})"
    if r.verdict_vs_previous == WORSE:
        return f"{r.measure_name} worsened by {by} to {level} on the previous year ({before})"
    if r.significance_vs_previous == NOT_SIGNIFICANT and r.verdict_vs_previous != CONTEXT_ONLY:
        return (
            f"{r.measure_name} showed {NO_SIGNIFICANT_CHANGE} on the previous year "
            f"({level}, against {before})"
        )
    higher = "higher" if change > 0 else "lower"
    return f"{r.measure_name} was {by} {higher} than the previous year, at {level} ({before})"


def sentence(figures: MeasureFigures, significance: ChangeSignificance | None = None) -> str:
    """The measure's sentence for the rolling year; `significance` (the trend marts' interval
    of a count's % change) only adds the interval to a change within chance variation."""
    r = figures.year
    span = f"the 12 months to {r.period_end:%B %Y}"
    if r.value_rounded is None:
        return f"{r.measure_name}: no figure for {span}."
    if r.value_suppressed:
        return f"{r.measure_name}: {fmt.SUPPRESSED} in {span} (withheld, disclosure control)."
    level = _level(r, r.value_rounded)
    if r.change_suppressed:
        return (
            f"{r.measure_name} was {level} in {span}; the previous year's figure is withheld "
            "(disclosure control)."
        )
    if r.previous_value_rounded is None:
        return (
            f"{r.measure_name} was {level} in {span}; the previous year is not covered by the data."
        )
    text = _ratio_sentence(r) if r.kind == "ratio" else _count_sentence(r, significance)
    text += _baseline_clause(r) + "."
    if r.kind != "ratio" and r.verdict_vs_previous == BETTER:
        text += " Performance improved."
    elif r.kind != "ratio" and r.verdict_vs_previous == WORSE:
        text += " Performance worsened."
    return text
