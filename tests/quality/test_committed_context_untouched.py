"""Checks never write the committed GX context: a kill mid-write once emptied a committed suite.

GX rewrites the suite files it validates with; the gate works on a private copy, so a refresh
killed during its checks cannot corrupt expectations/gx (which every later check reads).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from expectations.generate import GX_DIR
from pcc.paths import PROJECT_ROOT


def _snapshot() -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(GX_DIR)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(GX_DIR.rglob("*"))
        if path.is_file()
    }


def test_pcc_check_leaves_the_committed_context_byte_and_time_identical(sample_warehouse, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_warehouse / "warehouse.duckdb", data / "warehouse.duckdb")
    before = _snapshot()

    result = subprocess.run(
        [sys.executable, "-m", "pcc", "check"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PCC_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr[-1000:]
    assert (data / "quality" / "data_docs" / "index.html").exists()
    assert _snapshot() == before
