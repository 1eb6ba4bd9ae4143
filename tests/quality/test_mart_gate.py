"""Mart faults: a critical failure on the new build stops the publish (the warehouse stays
byte-identical) and names the expectation; a warning publishes and is recorded.

The build step is replaced by a copy of the sample's published warehouse with one fault
written into it, so each test exercises the real check and publish steps without a dbt run.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

import pcc.build.refresh
from pcc.build.refresh import refresh
from pcc.errors import PccError
from tests.quality.conftest import run_pcc, sha256

FIRST_ROW = "rowid = (select min(rowid) from {table} where {where})"

MART_FAULTS = {
    "negative count": (
        "update marts.fct_measure_windows set numerator = -3 where "
        + FIRST_ROW.format(table="marts.fct_measure_windows", where="measure_id = 'robbery'"),
        "mart_fct_measure_windows.expect_column_values_to_be_between(numerator)",
    ),
    "percentage above 100": (
        "update marts.fct_satisfaction_monthly set pct_satisfied = 104.2 where "
        + FIRST_ROW.format(table="marts.fct_satisfaction_monthly", where="true"),
        "mart_fct_satisfaction_monthly.expect_column_values_to_be_between(pct_satisfied)",
    ),
    "components do not sum": (
        "update marts.fct_measure_windows set numerator = numerator + 1 where "
        + FIRST_ROW.format(
            table="marts.fct_measure_windows", where="measure_id = 'neighbourhood_crime'"
        ),
        "mart_composite_measures.expect_column_pair_values_to_be_equal(numerator)",
    ),
    "published figure not reproduced": (
        "update marts.fct_reconciliation set status = 'mismatch' where "
        + FIRST_ROW.format(table="marts.fct_reconciliation", where="status = 'match'"),
        "mart_fct_reconciliation.expect_column_values_to_be_in_set(status)",
    ),
}


def _build_with(data_copy, monkeypatch, fault_sql: str) -> None:
    published = data_copy.warehouse

    def faulty_build(data, build_file, *_):
        shutil.copy2(published, build_file)
        con = duckdb.connect(str(build_file))
        try:
            con.execute(fault_sql)
            con.execute("checkpoint")
        finally:
            con.close()
        return f"sample copy with a fault in {build_file.name}"

    monkeypatch.setattr(pcc.build.refresh, "_step_build", faulty_build)


# `make test` runs the first kind; the others repeat the same refresh (CI runs all).
@pytest.mark.parametrize(
    "kind",
    [
        kind if i == 0 else pytest.param(kind, marks=pytest.mark.heavy)
        for i, kind in enumerate(sorted(MART_FAULTS))
    ],
)
def test_a_critical_mart_fault_blocks_publication(data_copy, monkeypatch, kind):
    fault_sql, named = MART_FAULTS[kind]
    _build_with(data_copy, monkeypatch, fault_sql)
    before = sha256(data_copy.warehouse)

    with pytest.raises(PccError) as failure:
        refresh(data_copy, full=True)  # full: a no-op refresh would not build

    message = str(failure.value)
    assert "last good warehouse still live" in message
    assert "critical expectation(s) failed" in message and named in message
    assert sha256(data_copy.warehouse) == before
    assert not list(data_copy.build_dir.glob("warehouse-*.duckdb"))


def test_a_mart_warning_publishes_and_is_recorded(data_copy, monkeypatch):
    # A defined measure with no figures (as if its source were never loaded): a warning.
    _build_with(
        data_copy,
        monkeypatch,
        "delete from marts.fct_measure_windows where measure_id = 'homicide'",
    )
    before = sha256(data_copy.warehouse)

    refresh(data_copy, full=True)

    assert sha256(data_copy.warehouse) != before
    con = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        failed = con.execute(
            """
            select suite, severity, details from marts.dq_validation_results
            where not success and stage = 'refresh'
            """
        ).fetchall()
        runs = con.execute(
            "select count(*), bool_and(success) from marts.dq_validation_runs"
        ).fetchone()
    finally:
        con.close()
    assert ("mart_dim_measures", "warning", "measure_id=homicide") in failed
    assert all(severity == "warning" for _, severity, _ in failed)
    # The sample ends in September 2025, more than any source's expected lag before today.
    freshness = [details for suite, _, details in failed if suite == "sources_freshness"]
    assert len(freshness) == 1 and "source=crime_records, latest_month=2025-09" in freshness[0]
    assert runs[0] > 0 and runs[1] is True


def test_the_sample_passes_every_critical_expectation(sample_warehouse):
    result = run_pcc("check", data_dir=sample_warehouse)

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 critical failed" in result.stdout
    assert (sample_warehouse / "quality" / "data_docs" / "index.html").exists()


def test_check_names_a_failed_expectation_on_the_published_warehouse(data_copy):
    con = duckdb.connect(str(data_copy.warehouse))
    try:
        con.execute(MART_FAULTS["negative count"][0])
    finally:
        con.close()

    result = run_pcc("check", data_dir=data_copy.root)

    assert result.returncode == 1
    assert "FAIL  critical  mart_fct_measure_windows" in result.stdout
    assert "measure_id=robbery" in result.stdout
