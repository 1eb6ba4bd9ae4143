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


@pytest.hookimpl(trylast=True)  # after `-m` has deselected: the first file must run
def pytest_collection_modifyitems(items) -> None:
    """Order the test files for pytest-xdist's `--dist loadfile` (`make test`): one file that
    reads the sample warehouse first, led by a test that reads it, so that a worker starts
    building it at once; then every file that does not need it, which the other worker runs
    meanwhile; then the rest. Otherwise the collected order is kept; without xdist the order
    does not matter."""
    needs: dict[Path, bool] = {}
    for item in items:
        needs[item.path] = needs.get(item.path, False) or "sample_warehouse" in item.fixturenames
    first = next((item for item in items if "sample_warehouse" in item.fixturenames), None)
    if first is None:
        return

    def order(item) -> int:
        if item is first:
            return 0
        if item.path == first.path:
            return 1
        return 3 if needs[item.path] else 2

    items.sort(key=order)


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
