"""Refresh publishes atomically: a failed refresh leaves the last good warehouse live, untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import pcc.build.dbt_runner
from ingest.pipeline import EXTRACT_SUFFIXES
from pcc.build.refresh import refresh
from pcc.errors import PccError
from pcc.paths import PROJECT_ROOT, DataPaths


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

    monkeypatch.setattr(pcc.build.dbt_runner, "build_warehouse", broken_build)
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
    # Nothing reached the landing store, so the next refresh has nothing new either.
    (raw / "call_handling_bad.csv").unlink()
    assert refresh(data_copy, raw).status == "unchanged"


@pytest.mark.heavy
def test_reader_holding_the_old_warehouse_keeps_reading_through_a_publish(data_copy, tmp_path):
    from tests.ingest.extract_factory import valid_rows, write_extract

    raw = tmp_path / "raw"
    write_extract(
        raw / "victim_satisfaction_2025-10.csv", valid_rows("victim_satisfaction", ("2025-10",))
    )
    reader = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        # The incremental build copies the published file while it is being read.
        refresh(data_copy, raw)
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


@pytest.mark.heavy
def test_a_running_pcc_sql_never_blocks_ingest_or_refresh(data_copy, tmp_path):
    """An analyst's query holds the published warehouse open while a new month is ingested and
    published: neither waits for it nor fails on a lock, and the query is not disturbed."""
    from tests.ingest.extract_factory import valid_rows, write_extract

    pcc = Path(sys.executable).parent / "pcc"
    env = {**os.environ, "PCC_DATA_DIR": str(data_copy.root), "PCC_SQL_TIMEOUT": "300"}
    reader = subprocess.Popen(
        [str(pcc), "sql", "select count(*) from range(10000000000000::bigint)"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(2)  # the query is running and holds the warehouse open
        assert reader.poll() is None, reader.stderr.read()
        extract = write_extract(
            tmp_path / "raw" / "victim_satisfaction_2025-10.csv",
            valid_rows("victim_satisfaction", ("2025-10",)),
        )
        ingest = subprocess.run(
            [str(pcc), "ingest", str(extract)], env=env, capture_output=True, text=True
        )
        assert ingest.returncode == 0, ingest.stdout + ingest.stderr
        refresh(data_copy)
        assert reader.poll() is None, "the analyst's query was disturbed"
    finally:
        reader.kill()
        reader.wait()
    con = duckdb.connect(str(data_copy.warehouse), read_only=True)
    try:
        latest = con.execute("select max(month) from landing.victim_satisfaction").fetchone()[0]
    finally:
        con.close()
    assert latest.strftime("%Y-%m") == "2025-10"


def _pcc_refresh(data: DataPaths, *args: str) -> subprocess.CompletedProcess:
    """`pcc refresh` as from cron or CI: output to a pipe, not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "pcc", "refresh", *args],
        env={**os.environ, "PCC_DATA_DIR": str(data.root)},
        capture_output=True,
        text=True,
    )


def test_a_cold_refresh_of_the_sample_logs_at_most_30_lines(sample_refresh_log, sample_warehouse):
    lines = sample_refresh_log.splitlines()
    assert 0 < len(lines) <= 30, sample_refresh_log
    assert not any("\x1b[" in line for line in lines), "terminal codes in a piped log"
    assert f"  warehouse:  {sample_warehouse / 'warehouse.duckdb'} (data as at 2025-09)" in lines
    files = _sample_files()
    assert any(line.startswith(f"  new:        {files} of {files} files") for line in lines)
    assert any(line.startswith("refresh complete in") for line in lines)


def test_a_refresh_with_nothing_new_says_so_and_rebuilds_nothing(data_copy):
    warehouse_before = _sha256(data_copy.warehouse)
    log_before = data_copy.refresh_log.read_text()
    data_docs = data_copy.quality_dir / "data_docs" / "index.html"
    docs_before = data_docs.stat().st_mtime_ns

    result = _pcc_refresh(data_copy, "--raw", str(PROJECT_ROOT / "data" / "raw"))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(
        f"[1/4] ingest: {_sample_files()} files, 0 new"
    ), lines
    assert lines[1].startswith("nothing new since the refresh of "), lines
    assert "not rebuilt" in lines[1]
    assert _sha256(data_copy.warehouse) == warehouse_before, "warehouse re-stamped or rebuilt"
    assert not (data_copy.build_dir / "dbt-target").exists(), "dbt ran"
    assert data_docs.stat().st_mtime_ns == docs_before, "quality checks re-run"
    assert data_copy.refresh_log.read_text() == log_before


def test_quiet_prints_nothing_and_verbose_names_every_file(data_copy):
    quiet = _pcc_refresh(data_copy, "--quiet", "--raw", str(PROJECT_ROOT / "data" / "raw"))
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = _pcc_refresh(data_copy, "--verbose", "--raw", str(PROJECT_ROOT / "data" / "raw"))
    assert verbose.returncode == 0, verbose.stderr
    assert verbose.stdout.count(": unchanged\n") == _sample_files()


def test_a_refresh_after_a_failed_one_is_not_skipped(data_copy, monkeypatch):
    """Nothing new in the landing store, but the last attempt failed: build again."""

    def broken_build(*args, **kwargs):
        raise PccError("dbt build failed")

    monkeypatch.setattr(pcc.build.dbt_runner, "build_warehouse", broken_build)
    with pytest.raises(PccError):
        refresh(data_copy, full=True)
    monkeypatch.undo()
    run = refresh(data_copy)
    assert run.status == "published"


def test_a_data_folder_with_nothing_loaded_is_not_published(tmp_path):
    data = DataPaths(tmp_path / "mistyped")
    with pytest.raises(PccError, match="nothing to publish") as failed:
        refresh(data)
    assert "is PCC_DATA_DIR right?" in str(failed.value)
    assert not data.warehouse.exists()


def _sample_files() -> int:
    """Files in the committed sample ingest reads: extracts and public data (hidden files
    skipped, as ingest skips them)."""
    raw = PROJECT_ROOT / "data" / "raw"
    return sum(
        1
        for p in raw.rglob("*")
        if p.is_file()
        and p.name.endswith(EXTRACT_SUFFIXES)
        and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )
