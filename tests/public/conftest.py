"""Fixtures for the public-data tests: a temporary PCC_DATA_DIR, and one warehouse built with
`pcc refresh` from the synthetic sample extracts plus synthetic public files (session-wide)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pcc.paths import PROJECT_ROOT, DataPaths
from tests.public import fixtures as fx

# What the shared public warehouse holds (tests recompute expectations from these rows).
OLD_YEARS = [2018, 2019, 2020, 2021]  # workbook, Number of Offences, sheets 2018-19 ...
NEW_YEARS = [2022, 2023]  # CSV export, Offence Count, later names
ZIP_MONTHS = ["2023-01", "2023-02", "2023-03"]


@pytest.fixture
def data(tmp_path, monkeypatch) -> DataPaths:
    root = tmp_path / "data"
    monkeypatch.setenv("PCC_DATA_DIR", str(root))
    return DataPaths(root)


@pytest.fixture
def files(tmp_path) -> Path:
    folder = tmp_path / "public"
    folder.mkdir()
    return folder


def landing(data: DataPaths, sql: str) -> list[tuple]:
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="session")
def public_warehouse(tmp_path_factory) -> dict:
    """A published warehouse of the sample extracts and the public files, and the rows written."""
    root = tmp_path_factory.mktemp("public-warehouse")
    raw = root / "raw"
    # The sample's own recorded crime table is left out: these tests work out their expectations
    # from the rows of the test tables written here.
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw, ignore=shutil.ignore_patterns("prc_*"))
    old = fx.write_prc_workbook(raw / "prc-pfa-old.ods", OLD_YEARS, count_column=fx.OLD_COUNT)
    new = fx.write_prc_csv(
        raw / "prc-pfa-new.csv", NEW_YEARS, count_column=fx.NEW_COUNT, new_vintage=True
    )
    street = fx.write_police_uk_zip(raw / "police-uk.zip", ZIP_MONTHS)
    data_dir = root / "data"
    result = subprocess.run(
        [sys.executable, "-m", "pcc", "refresh", "--raw", str(raw)],
        env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return {"data_dir": data_dir, "rows": old + new, "police_uk": street}
