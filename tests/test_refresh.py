"""Refresh publishes atomically: a failed refresh leaves the last good warehouse live, untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

import pcc.dbt_runner
from pcc.errors import PccError
from pcc.paths import DataPaths
from pcc.refresh import refresh


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data_copy(sample_warehouse, tmp_path) -> DataPaths:
    """A private copy of the sample data dir (landing store + published warehouse)."""
    root = tmp_path / "data"
    shutil.copytree(sample_warehouse, root, ignore=shutil.ignore_patterns("build"))
    return DataPaths(root)


def test_published_warehouse_has_marts_and_refresh_stamp(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        marts = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        as_at = con.execute("select data_as_at from meta.refresh_info").fetchone()[0]
    finally:
        con.close()
    assert {"dim_measures", "fct_measure_windows", "fct_reconciliation"} <= marts
    assert as_at.strftime("%Y-%m") == "2025-09"
    assert not list((sample_warehouse / "build").glob("warehouse-*.duckdb")), (
        "build file left behind"
    )


def test_failed_build_leaves_the_published_warehouse_byte_identical(data_copy, monkeypatch):
    before = _sha256(data_copy.warehouse)

    def broken_build(*args, **kwargs):
        raise PccError("dbt build failed: model fct_measure_windows")

    monkeypatch.setattr(pcc.dbt_runner, "build_warehouse", broken_build)
    with pytest.raises(PccError, match="last good warehouse still live"):
        refresh(data_copy, full=True)

    assert _sha256(data_copy.warehouse) == before
    assert not list(data_copy.build_dir.glob("warehouse-*.duckdb*")), (
        "failed build file not removed"
    )
    last = json.loads(data_copy.refresh_log.read_text().splitlines()[-1])
    assert last["status"] == "failed" and last["steps"][-1]["step"] == "build"


def test_rejected_extract_blocks_publication(data_copy, tmp_path):
    before = _sha256(data_copy.warehouse)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "call_handling_bad.csv").write_text(
        "date,channel,calls_offered,calls_answered,answered_within_10s,answered_10_to_60s,"
        "answered_over_60s,calls_abandoned,total_answer_seconds\n"
        "2025-09-01,999,10,12,12,0,0,0,30\n"
    )
    with pytest.raises(PccError, match="rejected"):
        refresh(data_copy, raw)
    assert _sha256(data_copy.warehouse) == before


def test_reader_holding_the_old_warehouse_keeps_reading_through_a_publish(data_copy):
    reader = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        # Nothing new: the incremental build copies the published file while it is being read.
        refresh(data_copy)
        count = reader.execute("select count(*) from marts.dim_measures").fetchone()[0]
    finally:
        reader.close()
    assert count > 0
    con = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        rebuilt = con.execute("select count(*) from marts.dim_measures").fetchone()[0]
    finally:
        con.close()
    assert rebuilt == count


def test_a_data_folder_with_nothing_loaded_is_not_published(tmp_path):
    data = DataPaths(tmp_path / "mistyped")
    with pytest.raises(PccError, match="nothing to publish") as failed:
        refresh(data)
    assert "is PCC_DATA_DIR right?" in str(failed.value)
    assert not data.warehouse.exists()
