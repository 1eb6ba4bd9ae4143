"""Fixtures shared across test folders.

`sample_warehouse` builds ONE published warehouse from the committed (synthetic) sample with
`pcc refresh`, per test session; the explorer, pack and refresh tests all read it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """PCC_DATA_DIR holding landing store, refresh log and published warehouse of the sample."""
    data_dir = tmp_path_factory.mktemp("sample-data")
    result = subprocess.run(
        [sys.executable, "-m", "pcc", "refresh", "--raw", str(PROJECT_ROOT / "data" / "raw")],
        env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # What a cold refresh of the sample prints to a pipe (tests/test_refresh.py reads it).
    (data_dir.parent / f"{data_dir.name}-refresh.log").write_text(result.stdout + result.stderr)
    return data_dir


@pytest.fixture(scope="session")
def sample_refresh_log(sample_warehouse) -> str:
    """stdout and stderr of the cold `pcc refresh` that built `sample_warehouse`, piped."""
    return (sample_warehouse.parent / f"{sample_warehouse.name}-refresh.log").read_text()
