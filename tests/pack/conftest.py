"""One warehouse built from the committed (synthetic) sample by `pcc refresh`, per test session,
and one pack of it per quarter end the tests read (`sample_pack`).

The session fixture `sample_warehouse` lives in tests/conftest.py.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pcc.paths import PROJECT_ROOT

PCC = [sys.executable, "-m", "pcc"]
HEADER_ROW = 4  # 1-based row of the table headers in every sheet of the workbook


def run_pcc(*args: str, data_dir: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [*PCC, *args], cwd=cwd or PROJECT_ROOT, env=env, capture_output=True, text=True
    )


def sample_pack(sample_warehouse: Path, period: str) -> Path:
    """The folder `pcc pack --period-end period` wrote for the sample warehouse: written once
    per test run (the pytest-xdist workers share it under a lock, as the warehouse); read only."""
    root = sample_warehouse.parent
    out = root / f"sample-pack-{period}"
    done = root / f"sample-pack-{period}.done"
    with open(root / f"sample-pack-{period}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            result = run_pcc(
                "pack", "--period-end", period, "--out", str(out), data_dir=sample_warehouse
            )
            assert result.returncode == 0, result.stderr
            done.touch()
    return out


@pytest.fixture
def data_dir_copy(sample_warehouse, tmp_path) -> Path:
    """A private copy of the sample data dir (warehouse + refresh log) a test may tamper with."""
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copy2(sample_warehouse / "warehouse.duckdb", copy / "warehouse.duckdb")
    shutil.copy2(sample_warehouse / "refresh_log.jsonl", copy / "refresh_log.jsonl")
    return copy


def sheet_rows(ws) -> list[dict]:
    """The rows of a workbook sheet's table, as {header: value}."""
    headers = [c.value for c in ws[HEADER_ROW]]
    return [
        dict(zip(headers, row, strict=True))
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if any(v is not None for v in row)
    ]


def column(row: dict, prefix: str):
    """The one value whose header starts with `prefix` (the rest of a title names months)."""
    matches = [k for k in row if k and k.startswith(prefix)]
    assert len(matches) == 1, (prefix, list(row))
    return row[matches[0]]


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)
