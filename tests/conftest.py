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
        [sys.executable, "-m", "pcc", "refresh", "--data-dir", str(PROJECT_ROOT / "data" / "raw")],
        env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return data_dir
