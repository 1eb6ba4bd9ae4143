"""The generated sentence per measure: the board's verdict in words, rates in points, and no
word of better or worse the board did not give."""

from __future__ import annotations

from pcc.pack.narrative import judgement, sentence
from pcc.pack.trend import ChangeSignificance
from tests.pack.rows import figures


def test_a_significant_fall_the_board_calls_better_is_an_improvement():
    # The annual report's wording for residential burglary 2023/24.
    f = figures(
        name="Residential burglary",
        value=4468,
        previous=4783,
        change=-315,
        pct=-6.6,
        baseline=7922,
        change_vs_baseline=-3454,
        pct_vs_baseline=-43.6,
        verdict="better",
    )
    assert judgement(f) == "better"
    assert sentence(f) == (
        "Residential burglary fell 6.6% (315 offences) on the previous year and is 43.6% below "
        "the December 2019 baseline. Performance improved."
    )


def test_a_rise_the_board_calls_worse_is_a_deterioration():
    f = figures(
        value=110, previous=100, change=10, pct=10.0, baseline=110, change_vs_baseline=0,
        pct_vs_baseline=0.0, verdict="worse",
    )  # fmt: skip
    text = sentence(f)
    assert text.startswith("Thing rose 10.0% (10 offences) on the previous year")
    assert "level with the December 2019 baseline" in text
    assert text.endswith("Performance worsened.")


def test_context_only_measures_get_neutral_words():
    f = figures(
        value=5141, previous=4826, change=315, pct=6.5, baseline=3552, change_vs_baseline=1589,
        pct_vs_baseline=44.7, verdict="context only", polarity="context_only",
    )  # fmt: skip
    text = sentence(f)
    assert "rose 6.5% (315 offences)" in text
    assert "improv" not in text and "worse" not in text


def test_a_change_the_board_found_not_significant_is_never_a_rise_or_a_fall():
    f = figures(
        name="Knife or sharp instrument offences", value=838, previous=818, change=20, pct=2.4,
        baseline=975, change_vs_baseline=-137, pct_vs_baseline=-14.1,
        verdict="no significant change", significance="not significant",
    )  # fmt: skip
    interval = ChangeSignificance(False, -7.0, 12.8, True, -21.6, -5.7)
    text = sentence(f, interval)
    assert text.startswith(
        "Knife or sharp instrument offences showed no significant change on the previous year "
        "(838 offences; +20, +2.4%, within chance variation: 95% interval -7.0% to +12.8%)"
    )
    assert "rose" not in text and "fell" not in text and "worse" not in text
    assert "14.1% below the December 2019 baseline" in text


def test_a_baseline_change_the_board_found_not_significant_is_said_so():
    f = figures(
        value=700, previous=818, change=-118, pct=-14.4, baseline=975, change_vs_baseline=-275,
        pct_vs_baseline=-28.2, verdict="better", significance_vs_baseline="not significant",
    )  # fmt: skip
    assert sentence(f) == (
        "Thing fell 14.4% (118 offences) on the previous year and is not significantly different "
        "from the December 2019 baseline (-28.2%). Performance improved."
    )


def test_rates_move_in_percentage_points():
    f = figures(
        kind="ratio", unit="percent", name="Satisfaction", value=90.9, previous=88.4,
        change=2.5, pct=2.8, baseline=80.0, change_vs_baseline=10.9, pct_vs_baseline=13.6,
        verdict="better", polarity="higher_is_better",
    )  # fmt: skip
    assert sentence(f) == (
        "Satisfaction improved by 2.5 percentage points to 90.9% on the previous year (88.4%) "
        "and is 10.9 percentage points above the December 2019 baseline."
    )
    quiet = figures(
        kind="ratio", unit="percent", value=88.0, previous=88.4, change=-0.4, pct=-0.5,
        verdict="no significant change", significance="not significant",
    )  # fmt: skip
    assert sentence(quiet) == (
        "Thing showed no significant change on the previous year (88.0%, against 88.4%)."
    )
    untested = figures(
        kind="ratio", unit="seconds", value=5.1, previous=4.1, change=1.0, pct=24.4,
        verdict="not tested", significance="not tested",
    )  # fmt: skip
    assert sentence(untested) == (
        "Thing was 1.0 seconds higher than the previous year, at 5.1 seconds (4.1 seconds)."
    )


def test_equal_years_say_no_change():
    f = figures(
        value=18, previous=18, change=0, pct=0.0, baseline=20, change_vs_baseline=-2,
        pct_vs_baseline=-10.0, verdict="no significant change",
    )  # fmt: skip
    text = sentence(f)
    assert text.startswith("Thing showed no change on the previous year (18 offences)")
    assert "Performance" not in text


def test_a_year_outside_the_data_is_said_plainly():
    f = figures(value=18)
    assert sentence(f) == (
        "Thing was 18 offences in the 12 months to June 2025; the previous year is not covered "
        "by the data."
    )


def test_withheld_figures_are_not_written_out():
    small = figures(value=3, previous=7, change=-4, pct=-57.1, value_suppressed=True,
                    change_suppressed=True)  # fmt: skip
    assert sentence(small) == (
        "Thing: <5 in the 12 months to June 2025 (withheld, disclosure control)."
    )
    before = figures(value=12, previous=4, change=8, pct=200.0, previous_value_suppressed=True,
                     change_suppressed=True)  # fmt: skip
    text = sentence(before)
    assert "withheld" in text and "4" not in text.replace("2024", "")


def test_a_context_measure_within_chance_gets_no_verdict_words():
    f = figures(
        name="Drug offences", value=5177, previous=5148, change=29, pct=0.6, baseline=3552,
        change_vs_baseline=1625, pct_vs_baseline=45.7, verdict="context only",
        polarity="context_only", significance="not significant",
    )  # fmt: skip
    text = sentence(f)
    assert text.startswith("Drug offences changed by +29 (+0.6%) on the previous year")
    assert "within chance variation" in text
    for word in ("no significant change", "improv", "worse", "rose", "fell"):
        assert word not in text
