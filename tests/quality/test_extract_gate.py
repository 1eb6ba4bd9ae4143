"""Extract faults: every critical one blocks publication and leaves everything as it was;
a plausibility warning publishes and is recorded. One fault per test, on copies of the sample."""

from __future__ import annotations

import duckdb
import pytest

from tests.quality.conftest import (
    RAW,
    next_month_of_crime,
    read_rows,
    run_pcc,
    sha256,
    write_rows,
)


def _crime_fault(rows, kind):
    if kind == "type":
        rows[10]["recorded_date"] = "2025-10-xx"
    elif kind == "missing key":
        rows[10]["crime_id"] = ""
    elif kind == "duplicate key":
        rows[11]["crime_id"] = rows[10]["crime_id"]
    elif kind == "unknown district":
        rows[10]["district_code"] = "E07999999"
    elif kind == "unknown offence":
        rows[10]["offence_code"] = "999Z"
    elif kind == "outcome before recording":
        rows[10].update(outcome_code="16", outcome_date="2025-09-30", recorded_date="2025-10-05")
    elif kind == "district missing for a month":
        missing = rows[0]["district_code"]
        rows[:] = [r for r in rows if r["district_code"] != missing]
    elif kind == "id already loaded for another month":
        september = read_rows(RAW / "crime_records" / "crime_records_2025-09.csv.gz")
        rows[10]["crime_id"] = september[0]["crime_id"]
    return rows


CRIME_FAULTS = {
    "type": "not a date '2025-10-xx'",
    "missing key": "column crime_id: required value is empty",
    "duplicate key": "duplicate primary key",
    "unknown district": "not in the districts reference list",
    "unknown offence": "not in the offence_codes reference list",
    "outcome before recording": "outcome_date is before recorded_date",
    "district missing for a month": "completeness check failed",
    "id already loaded for another month": "uniqueness check failed",
}


def _call_fault(kind):
    # A whole month (a daily extract covers every day): August's 31 days as October's.
    rows = [r for r in read_rows(RAW / "call_handling.csv.gz") if r["date"].startswith("2025-08")]
    for row in rows:
        row["date"] = row["date"].replace("2025-08", "2025-10")
    if kind == "answer bands do not sum":
        rows[0]["answered_within_10s"] = str(int(rows[0]["answered_within_10s"]) + 1)
    elif kind == "answered + abandoned above offered":
        rows[0]["calls_abandoned"] = str(int(rows[0]["calls_offered"]) + 1)
    elif kind == "channel missing for a month":
        rows = [r for r in rows if r["channel"] != rows[0]["channel"]]
    elif kind == "unknown channel":
        rows[0]["channel"] = "fax"
    return rows


CALL_FAULTS = {
    "answer bands do not sum": "does not equal calls_answered",
    "answered + abandoned above offered": "is greater than calls_offered",
    "channel missing for a month": "completeness check failed",
    "unknown channel": "unknown channel 'fax'",
}


# `make test` runs these kinds; the others repeat the same refresh on another fault (CI runs all).
QUICK_FAULTS = {"type", "district missing for a month", "answer bands do not sum"}


def _kinds(faults: dict[str, str]) -> list:
    return [
        kind if kind in QUICK_FAULTS else pytest.param(kind, marks=pytest.mark.heavy)
        for kind in sorted(faults)
    ]


def _assert_blocked(data_copy, raw, expected):
    warehouse_before = sha256(data_copy.warehouse)
    landing_before = sha256(data_copy.landing_db)

    result = run_pcc("refresh", "--raw", str(raw), data_dir=data_copy.root)

    assert result.returncode == 1, result.stdout[-1500:]
    assert expected in result.stderr
    assert "nothing published" in result.stderr
    assert sha256(data_copy.warehouse) == warehouse_before
    assert sha256(data_copy.landing_db) == landing_before


@pytest.mark.parametrize("kind", _kinds(CRIME_FAULTS))
def test_a_critical_fault_in_a_crime_extract_blocks_publication(data_copy, tmp_path, kind):
    raw = tmp_path / "raw"
    write_rows(raw / "crime_records_2025-10.csv.gz", _crime_fault(next_month_of_crime(), kind))
    _assert_blocked(data_copy, raw, CRIME_FAULTS[kind])


@pytest.mark.parametrize("kind", _kinds(CALL_FAULTS))
def test_a_critical_fault_in_a_call_extract_blocks_publication(data_copy, tmp_path, kind):
    raw = tmp_path / "raw"
    write_rows(raw / "call_handling_2025-10.csv.gz", _call_fault(kind))
    _assert_blocked(data_copy, raw, CALL_FAULTS[kind])


def test_satisfied_above_respondents_blocks_publication(data_copy, tmp_path):
    rows = read_rows(RAW / "victim_satisfaction.csv.gz")[-9:]
    for row in rows:
        row["month"] = "2025-10"
    rows[0]["satisfied"] = str(int(rows[0]["respondents"]) + 1)
    raw = tmp_path / "raw"
    write_rows(raw / "victim_satisfaction_2025-10.csv.gz", rows)
    _assert_blocked(data_copy, raw, "satisfied")


@pytest.mark.heavy
def test_an_implausible_month_publishes_with_a_recorded_warning(data_copy, tmp_path):
    raw = tmp_path / "raw"
    doubled = next_month_of_crime(copies=2)
    write_rows(raw / "crime_records_2025-10.csv.gz", doubled)
    before = sha256(data_copy.warehouse)

    result = run_pcc("refresh", "--raw", str(raw), data_dir=data_copy.root)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "warning: " in result.stderr and "plausibility check failed" in result.stderr
    assert sha256(data_copy.warehouse) != before
    con = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        warnings = con.execute(
            """
            select stage, rule, target, details from marts.dq_validation_results
            where not success and severity = 'warning'
            """
        ).fetchall()
        published = con.execute(
            "select count(*) from landing.crime_records where recorded_date >= date '2025-10-01'"
        ).fetchone()[0]
    finally:
        con.close()
    assert published == len(doubled)
    plausibility = [w for w in warnings if w[1] == "plausibility"]
    assert len(plausibility) == 1
    stage, _, target, details = plausibility[0]
    assert stage == "ingest" and target.startswith("crime_records_2025-10.csv.gz")
    assert "month=2025-10" in details
