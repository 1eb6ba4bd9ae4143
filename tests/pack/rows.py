"""A board row (marts.fct_measure_board) for unit tests of the pack's words and cells."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcc.pack.data import MeasureFigures, MeasureInfo
from pcc.read.board import BoardRow

PERIOD_END = date(2025, 6, 1)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def board_row(
    kind: str = "count",
    unit: str = "offences",
    *,
    name: str = "Thing",
    value=None,
    previous=None,
    change=None,
    pct=None,
    baseline=None,
    change_vs_baseline=None,
    pct_vs_baseline=None,
    verdict: str | None = None,
    significance: str | None = "significant",
    verdict_vs_baseline: str | None = None,
    significance_vs_baseline: str | None = "significant",
    polarity: str = "lower_is_better",
    **flags,
) -> BoardRow:
    suppressed = {
        "value_suppressed": False,
        "previous_value_suppressed": False,
        "baseline_value_suppressed": False,
        "change_suppressed": False,
        "change_vs_baseline_suppressed": False,
        **flags,
    }
    return BoardRow(
        measure_id="m",
        measure_name=name,
        framework="Police and Crime Plan",
        priority="Protecting People",
        board_section="Police and Crime Plan: Protecting People",
        board_order=1,
        definition="",
        kind=kind,
        unit=unit,
        polarity=polarity,
        area_code="E23000032",
        area_name="Kent",
        area_type="force",
        window_months=12,
        period_start=date(2024, 7, 1),
        period_end=PERIOD_END,
        previous_period_start=date(2023, 7, 1),
        previous_period_end=date(2024, 6, 1),
        baseline_end=date(2019, 12, 1),
        baseline_period_start=date(2019, 1, 1),
        baseline_period_end=date(2019, 12, 1),
        numerator=None,
        denominator=None,
        value_decimals=1 if kind == "ratio" else 0,
        value_rounded=_decimal(value),
        previous_value_rounded=_decimal(previous),
        change_rounded=_decimal(change),
        pct_change_rounded=_decimal(pct),
        baseline_value_rounded=_decimal(baseline),
        change_vs_baseline_rounded=_decimal(change_vs_baseline),
        pct_change_vs_baseline_rounded=_decimal(pct_vs_baseline),
        significance_vs_previous=significance,
        verdict_vs_previous=verdict,
        significance_vs_baseline=significance_vs_baseline,
        verdict_vs_baseline=verdict_vs_baseline,
        recorded_crimes=None,
        solved_rate_rounded=None,
        previous_solved_rate_rounded=None,
        solved_rate_change_rounded=None,
        solved_rate_significance=None,
        solved_rate_verdict=None,
        is_about_people=False,
        **suppressed,
    )


def figures(**kwargs) -> MeasureFigures:
    return MeasureFigures(MeasureInfo("m", "Crime records", True, False), board_row(**kwargs), None)
