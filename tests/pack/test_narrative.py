"""The generated sentence per measure: polarity words, neutral context words, rates in points."""

from __future__ import annotations

from datetime import date

from pcc.measures import MeasureRow, Window, present
from pcc.pack.data import MeasureFigures, MeasureInfo
from pcc.pack.narrative import CONTEXT, IMPROVED, UNCHANGED, WORSENED, judgement, sentence

BASELINE_END = date(2019, 12, 1)
PERIOD_END = date(2025, 6, 1)


def _figures(
    kind: str, polarity: str, unit: str, current, previous, baseline, name: str = "Thing"
) -> MeasureFigures:
    multiplier = 100 if unit == "percent" else 1
    row = MeasureRow(
        measure_id="m",
        measure_name=name,
        framework="Police and Crime Plan",
        priority="Protecting People",
        kind=kind,
        unit=unit,
        multiplier=multiplier,
        current=Window(*current),
        previous=Window(*previous),
        baseline=Window(*baseline),
        display_order=1,
    )
    info = MeasureInfo(
        "m",
        name,
        "Police and Crime Plan",
        "Protecting People",
        "",
        polarity,
        unit,
        kind,
        "crime",
        True,
        False,
        False,
        1,
    )
    return MeasureFigures(info=info, year=present(row), quarter=None, solved=None)


def test_a_fall_in_a_lower_is_better_count_is_an_improvement():
    # The annual report's wording for residential burglary 2023/24.
    f = _figures(
        "count",
        "lower_is_better",
        "offences",
        (4468, None),
        (4783, None),
        (7922, None),
        name="Residential burglary",
    )
    assert judgement(f) == IMPROVED
    assert sentence(f, BASELINE_END, PERIOD_END) == (
        "Residential burglary fell 6.6% (315 offences) on the previous year and is 43.6% below "
        "the December 2019 baseline. Performance improved."
    )


def test_a_rise_in_a_lower_is_better_count_is_a_deterioration():
    f = _figures("count", "lower_is_better", "offences", (110, None), (100, None), (110, None))
    assert judgement(f) == WORSENED
    text = sentence(f, BASELINE_END, PERIOD_END)
    assert text.startswith("Thing rose 10.0% (10 offences) on the previous year")
    assert "level with the December 2019 baseline" in text
    assert text.endswith("Performance worsened.")


def test_context_only_measures_get_neutral_words():
    f = _figures("count", "context_only", "offences", (5141, None), (4826, None), (3552, None))
    text = sentence(f, BASELINE_END, PERIOD_END)
    assert judgement(f) == CONTEXT
    assert "rose 6.5% (315 offences)" in text
    assert "improv" not in text and "worse" not in text


def test_rates_move_in_percentage_points():
    f = _figures(
        "ratio",
        "higher_is_better",
        "percent",
        (909, 1000),
        (884, 1000),
        (800, 1000),
        name="Satisfaction",
    )
    text = sentence(f, BASELINE_END, PERIOD_END)
    assert text == (
        "Satisfaction improved by 2.5 percentage points to 90.9% on the previous year (88.4%) "
        "and is 10.9 percentage points above the December 2019 baseline."
    )
    context = _figures("ratio", "context_only", "percent", (880, 1000), (884, 1000), (None, None))
    assert sentence(context, BASELINE_END, PERIOD_END) == (
        "Thing was 0.4 percentage points lower than the previous year, at 88.0% (88.4%)."
    )


def test_a_lower_is_better_rate_that_rises_has_worsened():
    f = _figures("ratio", "lower_is_better", "seconds", (51, 10), (41, 10), (None, None))
    assert sentence(f, BASELINE_END, PERIOD_END).startswith(
        "Thing worsened by 1.0 seconds to 5.1 seconds"
    )


def test_equal_years_say_no_change():
    f = _figures("count", "lower_is_better", "offences", (18, None), (18, None), (20, None))
    assert judgement(f) == UNCHANGED
    text = sentence(f, BASELINE_END, PERIOD_END)
    assert text.startswith("Thing showed no change on the previous year (18 offences)")
    assert "Performance" not in text


def test_a_year_outside_the_data_is_said_plainly():
    f = _figures("count", "lower_is_better", "offences", (18, None), (None, None), (None, None))
    assert sentence(f, BASELINE_END, PERIOD_END) == (
        "Thing was 18 offences in the 12 months to June 2025; the previous year is not covered "
        "by the data."
    )
