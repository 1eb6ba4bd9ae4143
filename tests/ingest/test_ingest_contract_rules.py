"""Every contract rule rejects the file at the first offending line and names the column."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ingest.extract_factory import valid_rows, write_extract

TODAY = dt.date.today()
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()
NEXT_MONTH = (TODAY.replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")


def first_violation(files, ingest_one, source, changes, per_month=6):
    """Apply {row index: {column: value}} to a valid extract; return the rejection."""
    rows = valid_rows(source, months=("2024-03",), per_month=per_month)
    for index, values in changes.items():
        rows[index].update(values)
    result = ingest_one(write_extract(files / f"{source}.csv", rows))
    assert result.action == "rejected", result
    return result.violation


CASES = [
    # (id, source, {row: {column: value}}, line, column, reason fragment)
    ("required", "crime_records", {2: {"crime_id": ""}}, 4, "crime_id", "required value is empty"),
    (
        "required_type",
        "call_handling",
        {1: {"calls_offered": ""}},
        3,
        "calls_offered",
        "required value is empty",
    ),
    (
        "padded",
        "crime_records",
        {3: {"victim_type": "person "}},
        5,
        "victim_type",
        "leading or trailing spaces 'person '",
    ),
    (
        "date_format",
        "crime_records",
        {1: {"recorded_date": "01/03/2024"}},
        3,
        "recorded_date",
        "not a date '01/03/2024' (expected YYYY-MM-DD)",
    ),
    (
        "impossible_date",
        "crime_records",
        {4: {"recorded_date": "2023-02-30"}},
        6,
        "recorded_date",
        "impossible date '2023-02-30'",
    ),
    (
        "before_2000",
        "crime_records",
        {1: {"outcome_date": "1999-12-31"}},
        3,
        "outcome_date",
        "impossible date '1999-12-31' (before 2000-01-01)",
    ),
    (
        "future_date",
        "crime_records",
        {2: {"outcome_date": TOMORROW}},
        4,
        "outcome_date",
        f"date in the future '{TOMORROW}'",
    ),
    (
        "future_month",
        "victim_satisfaction",
        {1: {"month": NEXT_MONTH}},
        3,
        "month",
        f"month in the future '{NEXT_MONTH}'",
    ),
    (
        "month_format",
        "victim_referrals",
        {0: {"month": "2024-3"}},
        2,
        "month",
        "not a month '2024-3' (expected YYYY-MM)",
    ),
    (
        "impossible_month",
        "victim_referrals",
        {2: {"month": "2024-13"}},
        4,
        "month",
        "impossible month '2024-13'",
    ),
    (
        "datetime_format",
        "s136_detentions",
        {1: {"detention_datetime": "2024-03-02"}},
        3,
        "detention_datetime",
        "not a date-time '2024-03-02' (expected YYYY-MM-DDTHH:MM[:SS])",
    ),
    (
        "impossible_datetime",
        "s136_detentions",
        {2: {"detention_datetime": "2024-03-02T25:10"}},
        4,
        "detention_datetime",
        "impossible date-time '2024-03-02T25:10'",
    ),
    (
        "integer",
        "victim_satisfaction",
        {1: {"respondents": "12.5"}},
        3,
        "respondents",
        "not an integer '12.5'",
    ),
    (
        "integer_range",
        "victim_satisfaction",
        {1: {"respondents": "99999999999999999999"}},
        3,
        "respondents",
        "integer out of range",
    ),
    (
        "boolean",
        "crime_records",
        {1: {"hate": "yes"}},
        3,
        "hate",
        "not a boolean 'yes' (expected true/false/1/0)",
    ),
    (
        "allowed_literal",
        "s136_detentions",
        {3: {"sex": "M"}},
        5,
        "sex",
        "unknown sex 'M' (allowed:",
    ),
    (
        "reference_offence",
        "crime_records",
        {2: {"offence_code": "99Z"}},
        4,
        "offence_code",
        "unknown offence_code '99Z' (not in the offence_codes reference list)",
    ),
    (
        "reference_district",
        "s136_detentions",
        {1: {"district_code": "E07999999"}},
        3,
        "district_code",
        "unknown district_code 'E07999999'",
    ),
    (
        "reference_outcome",
        "crime_records",
        {1: {"outcome_code": "23"}},
        3,
        "outcome_code",
        "unknown outcome_code '23'",
    ),
    (
        "negative",
        "victim_referrals",
        {3: {"contacted": "-2"}},
        5,
        "contacted",
        "negative count -2 (must be 0 or more)",
    ),
    (
        "outcome_before_recording",
        "crime_records",
        {1: {"recorded_date": "2024-03-10", "outcome_date": "2024-03-09"}},
        3,
        "outcome_date",
        "outcome_date is before recorded_date",
    ),
    (
        "outcome_code_without_date",
        "crime_records",
        {1: {"outcome_date": ""}},
        3,
        "outcome_code",
        "outcome_code and outcome_date must both be given or both be empty",
    ),
    (
        "answered_over_offered",
        "call_handling",
        {2: {"calls_offered": "80", "calls_answered": "90"}},
        4,
        "calls_answered",
        "calls_answered + calls_abandoned is greater than calls_offered (calls_offered=80, "
        "calls_answered=90, calls_abandoned=5)",
    ),
    (
        "answer_bands",
        "call_handling",
        {1: {"answered_over_60s": "11"}},
        3,
        "calls_answered",
        "does not equal calls_answered",
    ),
    (
        "satisfied_over_respondents",
        "victim_satisfaction",
        {4: {"satisfied": "51"}},
        6,
        "satisfied",
        "satisfied is greater than respondents (respondents=50, satisfied=51)",
    ),
    (
        "duplicate_key",
        "crime_records",
        {4: {"crime_id": "CR-2024-03-000001"}},
        6,
        "crime_id",
        "duplicate primary key crime_id 'CR-2024-03-000001' (lines 3 and 6)",
    ),
    (
        "duplicate_compound_key",
        "call_handling",
        {5: {"date": "2024-03-01", "channel": "101"}},
        7,
        "date",
        "duplicate primary key (date, channel) = (2024-03-01, 101) (lines 3 and 7)",
    ),
]


@pytest.mark.parametrize(
    ("source", "changes", "line", "column", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_rejects_first_offending_line(
    files, ingest_one, source, changes, line, column, reason
):
    violation = first_violation(files, ingest_one, source, changes)
    assert (violation.line, violation.column) == (line, column)
    assert reason in violation.reason


def test_optional_empty_values_pass_the_row_rules(files, ingest_one):
    rows = valid_rows("crime_records", months=("2024-03",), per_month=6)
    assert any(r["outcome_code"] == "" and r["outcome_date"] == "" for r in rows)
    assert ingest_one(write_extract(files / "crime.csv", rows)).action == "loaded"


def test_lowest_line_wins_then_contract_column_order(files, ingest_one):
    # Line 5 breaks two rules; line 3 breaks a later column: line 3 is reported.
    violation = first_violation(
        files,
        ingest_one,
        "crime_records",
        {3: {"crime_id": "", "hate": "maybe"}, 1: {"victim_type": "robot"}},
    )
    assert (violation.line, violation.column) == (3, "victim_type")
    # On one line the earlier contract column wins, whatever the file's column order.
    violation = first_violation(
        files, ingest_one, "crime_records", {3: {"hate": "maybe", "recorded_date": "2024-02-30"}}
    )
    assert (violation.line, violation.column) == (5, "recorded_date")


def test_value_rule_before_a_later_ragged_row_is_reported_first(files, ingest_one):
    rows = valid_rows("victim_satisfaction", months=("2024-03",), per_month=6)
    rows[1]["satisfied"] = "-1"
    path = write_extract(files / "sat.csv", rows)
    path.write_text(path.read_text() + "2024-03,rape,treated_fairly,5\n")
    violation = ingest_one(path).violation
    assert (violation.line, violation.column) == (3, "satisfied")


def test_line_numbers_are_exact_deep_in_a_large_file(files, ingest_one):
    rows = valid_rows("crime_records", months=("2024-01", "2024-02", "2024-03"), per_month=40_000)
    rows[117_345]["district_code"] = "Shepway"
    violation = ingest_one(write_extract(files / "big.csv", rows)).violation
    assert (violation.line, violation.column) == (117_347, "district_code")
