"""A load killed with SIGKILL part-way leaves the landing store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest.pipeline import ingest_paths
from tests.ingest.extract_factory import (
    DISTRICTS,
    OFFENCE_CODES,
    manifest,
    snapshot,
    valid_rows,
    write_extract,
)

PCC = Path(sys.executable).parent / "pcc"
BIG_ROWS = 1_500_000


def write_big_crime_file(path: Path, rows: int) -> None:
    """A valid crime_records extract of `rows` rows, written by DuckDB (seconds, not minutes)."""
    codes = ", ".join(f"'{c}'" for c in OFFENCE_CODES)
    districts = ", ".join(f"'{d}'" for d in DISTRICTS)
    with duckdb.connect() as con:
        con.execute(
            f"""
            copy (
                select
                    'BIG-' || lpad(i::varchar, 8, '0') as crime_id,
                    (date '2019-01-01' + (i % 1461)::integer)::varchar as recorded_date,
                    ([{codes}])[1 + i % {len(OFFENCE_CODES)}] as offence_code,
                    ([{districts}])[1 + i % {len(DISTRICTS)}] as district_code,
                    'E01024000' as lsoa_code,
                    'false' as domestic_abuse,
                    'false' as knife_or_sharp_instrument,
                    'false' as firearm,
                    'false' as online,
                    'false' as hate,
                    'false' as vawg,
                    'person' as victim_type,
                    '' as outcome_code,
                    '' as outcome_date
                from range({rows}) as t (i)
            ) to '{path}' (header, delimiter ',')
            """
        )


@pytest.mark.heavy
def test_sigkill_during_a_load_leaves_the_landing_store_as_before(tmp_path, data):
    small = write_extract(tmp_path / "sat.csv", valid_rows("victim_satisfaction"))
    ingest_paths([small], data)
    before = snapshot(data)
    big = tmp_path / "crime_big.csv"
    write_big_crime_file(big, BIG_ROWS)
    archive = data.archive_dir / "000002" / "crime_big.csv"  # files/<load id>/<name>
    db_size = data.landing_db.stat().st_size

    process = subprocess.Popen(
        [str(PCC), "ingest", str(big)],
        env={**os.environ, "PCC_DATA_DIR": str(data.root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # The archive copy is written just before the load's transaction begins; the database
        # file then grows as DuckDB writes the new rows (about 13 MB in all). Kill when a few
        # row groups are written: well inside the transaction, long before its commit.
        deadline = time.monotonic() + 120
        while not (archive.exists() and data.landing_db.stat().st_size > db_size + 2_000_000):
            assert process.poll() is None, "the ingest finished before it could be killed"
            assert time.monotonic() < deadline, "the load never started"
            time.sleep(0.002)
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    assert snapshot(data) == before

    (result,) = ingest_paths([big], data).files
    assert (result.action, result.rows) == ("loaded", BIG_ROWS)
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        count, distinct = con.execute(
            "select count(*), count(distinct crime_id) from crime_records"
        ).fetchone()
    assert count == distinct == BIG_ROWS
    assert [m["file_name"] for m in manifest(data)] == ["sat.csv", "crime_big.csv"]
    assert sorted(p.name for p in data.archive_dir.iterdir()) == sorted(
        m["archive_path"].split("/")[1] for m in manifest(data)
    )
