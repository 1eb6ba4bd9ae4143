"""Fault injection for the quality gate: copies of the (synthetic) sample, one fault at a time."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT, DataPaths

RAW = PROJECT_ROOT / "data" / "raw"
LAST_CRIME_MONTH = RAW / "crime_records" / "crime_records_2025-09.csv.gz"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())
    return path


def next_month_of_crime(copies: int = 1) -> list[dict[str, str]]:
    """October 2025 (one month after the sample ends): September's records moved on a month,
    with new ids and no outcomes yet; `copies` > 1 repeats every record (new ids each time)."""
    rows = []
    for copy in range(copies):
        for row in read_rows(LAST_CRIME_MONTH):
            day = min(int(row["recorded_date"][8:10]), 31)
            rows.append(
                {
                    **row,
                    "crime_id": f"T{copy}{row['crime_id']}",
                    "recorded_date": f"2025-10-{day:02d}",
                    "outcome_code": "",
                    "outcome_date": "",
                }
            )
    return rows


def run_pcc(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "pcc", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def data_copy(sample_warehouse, tmp_path) -> DataPaths:
    """A private copy of the sample's data dir: landing store, refresh log, published warehouse."""
    root = tmp_path / "data"
    shutil.copytree(sample_warehouse, root, ignore=shutil.ignore_patterns("build", "quality"))
    return DataPaths(root)
