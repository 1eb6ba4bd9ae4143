"""One generated sentence per measure, worded by the measure's polarity.

Counts: "Residential burglary fell 6.6% (315 offences) on the previous year and is 43.6% below
the December 2019 baseline." Measures with a polarity then say whether that is better or worse;
context-only measures (drugs offences, calls for service, ...) get neutral words only, because a
rise there is not a failure. Percentages move in percentage points, not per cent.

Given the count's significance (pcc.pack.trend, from marts.fct_measure_change_significance), a
change inside its 95% Poisson interval is "no significant change": never "rose" or "fell", and
neither better nor worse.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcc.pack.data import MeasureFigures
from pcc.pack.trend import ChangeSignificance
from pcc.trend_text import NO_SIGNIFICANT_CHANGE, pct_interval_text

IMPROVED = "improved"
WORSENED = "worsened"
UNCHANGED = "no change"
CONTEXT = "context"
NOT_SIGNIFICANT = NO_SIGNIFICANT_CHANGE


def judgement(figures: MeasureFigures, significance: ChangeSignificance | None = None) -> str:
    """improved / worsened / no change / no significant change / context (context-only or not
    comparable). Without significance (ratios, or none supplied) any change counts."""
    change = figures.year.change
    polarity = figures.info.polarity
    if change is None:
        return CONTEXT
    if change == 0:
        return UNCHANGED
    if significance is not None and significance.is_significant is False:
        return NOT_SIGNIFICANT
    if polarity not in ("lower_is_better", "higher_is_better"):
        return CONTEXT
    better = (change < 0) == (polarity == "lower_is_better")
    return IMPROVED if better else WORSENED


def _units(amount: Decimal, unit: str) -> str:
    # Singular only for exactly one whole unit: "1 offence", but "1.0 percentage points".
    one = abs(amount) == 1 and amount.as_tuple().exponent >= 0
    if unit == "percent":
        return "percentage point" if one else "percentage points"
    if one and unit.endswith("s"):
        return unit[:-1]
    return unit


def _number(value: Decimal) -> str:
    return f"{value:,}"


def _level(value: Decimal, unit: str) -> str:
    if unit == "percent":
        return f"{_number(value)}%"
    return f"{_number(value)} {_units(value, unit)}"


def _baseline_clause(
    figures: MeasureFigures, baseline_end: date, significance: ChangeSignificance | None = None
) -> str:
    p = figures.year
    when = f"the {baseline_end:%B %Y} baseline"
    if p.change_vs_baseline is None:
        return ""
    if p.change_vs_baseline == 0:
        return f" and is level with {when}"
    if significance is not None and significance.is_significant_vs_baseline is False:
        pct = (
            ""
            if p.pct_change_vs_baseline is None
            else f" ({_signed_pct(p.pct_change_vs_baseline)})"
        )
        return f" and is not significantly different from {when}{pct}"
    side = "above" if p.change_vs_baseline > 0 else "below"
    if p.row.kind == "ratio":
        amount = abs(p.change_vs_baseline)
        return f" and is {_number(amount)} {_units(amount, p.row.unit)} {side} {when}"
    if p.pct_change_vs_baseline is None:
        return f" and is {_number(abs(p.change_vs_baseline))} {side} {when}"
    return f" and is {_number(abs(p.pct_change_vs_baseline))}% {side} {when}"


def _signed_pct(value: Decimal) -> str:
    return f"{'+' if value > 0 else ''}{_number(value)}%"


def _count_sentence(figures: MeasureFigures, significance: ChangeSignificance | None) -> str:
    p, unit = figures.year, figures.info.unit
    name = p.row.measure_name
    if p.change == 0:
        return f"{name} showed no change on the previous year ({_level(p.value, unit)})"
    if significance is not None and significance.is_significant is False:
        sign = "+" if p.change > 0 else "-"
        pct = "" if p.pct_change is None else f", {_signed_pct(p.pct_change)}"
        return (
            f"{name} showed {NO_SIGNIFICANT_CHANGE} on the previous year "
            f"({_level(p.value, unit)}; {sign}{_number(abs(p.change))}{pct}, within chance "
            f"variation: 95% interval {pct_interval_text(significance.lower, significance.upper)})"
        )
    verb = "rose" if p.change > 0 else "fell"
    amount = abs(p.change)
    if p.pct_change is None:
        return f"{name} {verb} by {_level(amount, unit)} on the previous year"
    return (
        f"{name} {verb} {_number(abs(p.pct_change))}% "
        f"({_number(amount)} {_units(amount, unit)}) on the previous year"
    )


def _ratio_sentence(figures: MeasureFigures, verdict: str) -> str:
    p, unit = figures.year, figures.info.unit
    name = p.row.measure_name
    level, before = _level(p.value, unit), _level(p.previous_value, unit)
    if p.change == 0:
        return f"{name} showed no change on the previous year ({level})"
    amount = abs(p.change)
    by = f"{_number(amount)} {_units(amount, unit)}"
    if verdict in (IMPROVED, WORSENED):
        return f"{name} {verdict} by {by} to {level} on the previous year ({before})"
    higher = "higher" if p.change > 0 else "lower"
    return f"{name} was {by} {higher} than the previous year, at {level} ({before})"


def sentence(
    figures: MeasureFigures,
    baseline_end: date,
    period_end: date,
    significance: ChangeSignificance | None = None,
) -> str:
    p = figures.year
    name = p.row.measure_name
    if p.value is None:
        return f"{name}: no figure for the 12 months to {period_end:%B %Y}."
    if p.previous_value is None:
        return (
            f"{name} was {_level(p.value, figures.info.unit)} in the 12 months to "
            f"{period_end:%B %Y}; the previous year is not covered by the data."
        )
    if p.row.kind == "ratio":
        significance = None  # the Poisson test is for counts
    verdict = judgement(figures, significance)
    text = (
        _ratio_sentence(figures, verdict)
        if p.row.kind == "ratio"
        else _count_sentence(figures, significance)
    )
    text += _baseline_clause(figures, baseline_end, significance) + "."
    if p.row.kind != "ratio" and verdict in (IMPROVED, WORSENED):
        text += " Performance improved." if verdict == IMPROVED else " Performance worsened."
    return text
