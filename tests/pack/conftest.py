"""One warehouse built from the committed (synthetic) sample by `pcc refresh`, per test session.

The session fixture `sample_warehouse` lives in tests/conftest.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT

PCC = [sys.executable, "-m", "pcc"]


def run_pcc(*args: str, data_dir: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [*PCC, *args], cwd=cwd or PROJECT_ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def data_dir_copy(sample_warehouse, tmp_path) -> Path:
    """A private copy of the sample data dir (warehouse + refresh log) a test may tamper with."""
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copy2(sample_warehouse / "warehouse.duckdb", copy / "warehouse.duckdb")
    shutil.copy2(sample_warehouse / "refresh_log.jsonl", copy / "refresh_log.jsonl")
    return copy
