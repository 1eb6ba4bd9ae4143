"""The measure marts against counts computed in Python from the fixture's own rows.

Each expectation restates a measure's definition (from measures.csv's `definition` column)
as a Python predicate over the synthetic records, independently of the SQL rules.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from tests.dbt.conftest import FORCE
from tests.dbt.landing_fixture import MONTHS_MISSING_999_STANDARD, SOLVED_OUTCOMES, add_months

VICTIM_BASED_EXCLUDED_CODES = {
    "92A",
    "92E",
    "9A",
    "10D",
    "99",
}  # drugs, public order, weapons, misc
MEASURE_DEFINITIONS = {
    "homicide": lambda c: c["offence_code"] in {"1", "4.1", "4.10", "4.2"},
    "robbery": lambda c: c["offence_code"] in {"34A", "34B"},
    "violence_with_injury": lambda c: c["offence_code"] in {"8N", "5D"},
    "residential_burglary": lambda c: c["offence_code"] in {"28E", "29A"},
    "domestic_abuse_offences": lambda c: c["domestic_abuse"],
    "cyber_online_org_victim": lambda c: c["online"] and c["victim_type"] == "organisation",
    "victim_based_crime": lambda c: c["offence_code"] not in VICTIM_BASED_EXCLUDED_CODES,
    "neighbourhood_crime": lambda c: c["offence_code"] in {"28E", "29A", "34B", "39", "45", "48"},
}


def month_of(d: date) -> date:
    return date(d.year, d.month, 1)


def in_window(d: date, first: date, last: date) -> bool:
    return first <= month_of(d) <= last


def crimes(landing, measure_id, first, last, district=None):
    matches = MEASURE_DEFINITIONS[measure_id]
    return [
        c
        for c in landing.rows["crime_records"]
        if matches(c)
        and in_window(c["recorded_date"], first, last)
        and (district is None or c["district_code"] == district)
    ]


def window_row(built, measure_id, area, window_months, period_end):
    rows = built.query(
        """
        select numerator, denominator, value, previous_numerator, baseline_numerator,
               recorded_crimes, solved_crimes, period_start, previous_value
        from marts.fct_measure_windows
        where measure_id = ? and area_code = ? and window_months = ? and period_end = ?
        """,
        [measure_id, area, window_months, period_end],
    )
    assert len(rows) <= 1
    return rows[0] if rows else None


@pytest.mark.parametrize("measure_id", sorted(MEASURE_DEFINITIONS))
@pytest.mark.parametrize(
    ("area", "window_months", "period_end"),
    [(FORCE, 12, date(2021, 3, 1)), ("E07000112", 3, date(2020, 6, 1))],
)
def test_crime_window_counts_match_the_definition(
    built, measure_id, area, window_months, period_end
):
    district = None if area == FORCE else area
    first = add_months(period_end, 1 - window_months)
    row = window_row(built, measure_id, area, window_months, period_end)
    assert row is not None
    numerator, _, value, previous_numerator, baseline_numerator, recorded, solved, start, _ = row
    current = crimes(built.landing, measure_id, first, period_end, district)
    assert start == first
    assert numerator == len(current) == value
    assert previous_numerator == len(
        crimes(
            built.landing, measure_id, add_months(first, -12), add_months(period_end, -12), district
        )
    )
    # Like for like: a 12-month window against 2019; a quarter against the same quarter of 2019.
    baseline_end = date(2019, 12, 1) if window_months == 12 else date(2019, period_end.month, 1)
    baseline = crimes(
        built.landing,
        measure_id,
        add_months(baseline_end, 1 - window_months),
        baseline_end,
        district,
    )
    assert baseline_numerator == len(baseline)
    assert recorded == len(current)
    assert solved == sum(1 for c in current if c["outcome_code"] in SOLVED_OUTCOMES)


def test_outcome_measures_count_by_outcome_month(built):
    first, last = date(2020, 4, 1), date(2021, 3, 1)
    expected = sum(
        1
        for c in built.landing.rows["crime_records"]
        if c["outcome_code"] == 8 and in_window(c["outcome_date"], first, last)
    )
    row = window_row(built, "community_resolutions", FORCE, 12, last)
    assert row[0] == expected


def test_months_without_crimes_are_zero_not_missing(built):
    counts = dict(
        built.query(
            """
            select month_start, numerator from marts.fct_measure_monthly
            where measure_id = 'homicide' and area_code = 'E07000105'
            """
        )
    )
    assert len(counts) == 45  # every covered month, 2018-04..2021-12
    zero_months = [m for m, n in counts.items() if n == 0]
    assert zero_months, "fixture should have district months without a homicide"
    for month in zero_months:
        assert not crimes(built.landing, "homicide", month, month, "E07000105")


def test_ratio_windows_sum_numerators_and_denominators(built):
    period_end = date(2021, 3, 1)
    first = add_months(period_end, -11)
    rows = [
        r
        for r in built.landing.rows["victim_satisfaction"]
        if r["survey"] == "domestic_abuse"
        and r["question"] == "overall_satisfaction"
        and first <= r["month"] <= period_end
    ]
    satisfied = sum(r["satisfied"] for r in rows)
    respondents = sum(r["respondents"] for r in rows)
    numerator, denominator, value, *_ = window_row(
        built, "satisfaction_domestic_abuse", FORCE, 12, period_end
    )
    assert (numerator, denominator) == (satisfied, respondents)
    assert value == pytest.approx(float(Fraction(satisfied * 100, respondents)), rel=1e-12)
    mean_of_months = sum(Fraction(r["satisfied"] * 100, r["respondents"]) for r in rows) / 12
    assert value != pytest.approx(float(mean_of_months), abs=0.05)


def test_no_partial_windows_and_no_previous_value_outside_coverage(built):
    # Satisfaction data start in April 2019: the first 12-month window ends March 2020,
    # and its previous year (April 2018 - March 2019) is not in the data: NULL, not 0.
    ends = built.query(
        """
        select min(period_end) from marts.fct_measure_windows
        where measure_id = 'satisfaction_domestic_abuse' and window_months = 12
        """
    )
    assert ends == [(date(2020, 3, 1),)]
    row = window_row(built, "satisfaction_domestic_abuse", FORCE, 12, date(2020, 3, 1))
    assert row[3] is None and row[8] is None
    # ... and the baseline (2019) is incomplete too.
    assert row[4] is None


def test_districts_only_for_sources_with_districts(built):
    areas = built.query(
        """
        select distinct m.source
        from marts.fct_measure_monthly f
        join marts.dim_measures m using (measure_id)
        join marts.dim_areas a using (area_code)
        where a.area_type = 'district'
        order by 1
        """
    )
    assert areas == [
        ("asb_incidents",),
        ("crime_records",),
        ("road_casualties",),
        ("s136_detentions",),
    ]


def test_consecutive_months_meeting_the_999_standard(built):
    # Months missing the standard in the fixture: June 2018, November 2019, February 2021.
    monthly = dict(
        built.query(
            """
            select month_start, numerator from marts.fct_measure_monthly
            where measure_id = 'calls_999_months_meeting_standard'
            """
        )
    )
    assert monthly[date(2021, 2, 1)] == 0
    assert monthly[date(2021, 12, 1)] == 10  # March..December 2021
    assert monthly[date(2019, 10, 1)] == 16  # July 2018..October 2019
    assert monthly[date(2018, 5, 1)] is None  # run reaches back to the start of the data
    assert all(monthly[m] == 0 for m in MONTHS_MISSING_999_STANDARD)
    # A window's value is the run length at its last month, not a sum.
    row = window_row(built, "calls_999_months_meeting_standard", FORCE, 3, date(2021, 12, 1))
    assert row[0] == 10


def test_staging_views_work_after_the_file_is_renamed(built):
    # The build file is published under another name; views must not name the old database.
    rows = built.query("select count(*) from staging.stg_landing__crime_records")
    assert rows == [(len(built.landing.rows["crime_records"]),)]
