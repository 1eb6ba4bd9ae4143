"""Fixtures shared across test folders.

`sample_warehouse` builds ONE published warehouse from the committed (synthetic) sample with
`pcc refresh`, per test session; the explorer, pack and refresh tests all read it.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT


def shared_root(tmp_path_factory) -> Path:
    """The folder every pytest-xdist worker of this run shares (the basetemp without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """PCC_DATA_DIR holding landing store, refresh log and published warehouse of the sample.

    Built once per test run: under pytest-xdist the first worker to need it builds it while
    holding a lock, and the others wait for it and read the same folder.
    """
    root = shared_root(tmp_path_factory)
    data_dir = root / "sample-data"
    log = root / "sample-data-refresh.log"
    failed = root / "sample-data-failed.txt"
    with open(root / "sample-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists() and not failed.exists():
            data_dir.mkdir()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pcc",
                    "refresh",
                    "--raw",
                    str(PROJECT_ROOT / "data" / "raw"),
                ],
                env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                failed.write_text(result.stderr[-2000:])
            else:
                # What a cold refresh of the sample prints to a pipe (tests/test_refresh.py reads it).
                log.write_text(result.stdout + result.stderr)
    assert not failed.exists(), failed.read_text()
    return data_dir


@pytest.fixture(scope="session")
def sample_refresh_log(sample_warehouse) -> str:
    """stdout and stderr of the cold `pcc refresh` that built `sample_warehouse`, piped."""
    return (sample_warehouse.parent / "sample-data-refresh.log").read_text()
