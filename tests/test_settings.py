"""Every PCC_* setting is checked once at start-up: a bad value is one line naming it, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PCC = Path(sys.executable).parent / "pcc"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PCC_DATA_DIR", "/proc/self", "a data folder outside /proc, /sys and /dev"),
        ("PCC_DATA_DIR", "{file}", "a folder (it is a file)"),
        ("PCC_DQ_PLAUSIBILITY_SIGMA", "abc", "a positive number"),
        ("PCC_DQ_PLAUSIBILITY_SIGMA", "nan", "a positive number"),
        ("PCC_DQ_PLAUSIBILITY_SIGMA", "-4", "a positive number"),
        ("PCC_DUCKDB_THREADS", "abc", "a whole number of at least 1"),
        ("PCC_DUCKDB_THREADS", "0", "a whole number of at least 1"),
        ("PCC_DUCKDB_MEMORY_LIMIT", "lots", "a size such as 2GB or 512MB"),
        ("PCC_SQL_TIMEOUT", "soon", "a number of seconds (0 for no limit)"),
        ("PCC_SQL_MEMORY_LIMIT", "2 lorries", "a size such as 2GB or 512MB"),
        ("PCC_DQ_RECONCILIATION", "maybe", "critical or warning"),
        ("PCC_INGEST_MAX_REMOVED_SHARE", "1.5", "a share from 0 to 1"),
        ("PCC_DQ_LAG_CRIME_RECORDS", "two", "a whole number of months"),
        ("PCC_SAMPLE_BANNER", "yes", "0 or 1"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(tmp_path, name, value, expected):
    afile = tmp_path / "a-file"
    afile.write_text("not a folder")
    value = value.format(file=afile)
    env = {**os.environ, "PCC_DATA_DIR": str(tmp_path / "data"), name: value}
    for command in (["measures"], ["refresh"], ["check"]):
        result = subprocess.run(
            [str(PCC), *command], env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr == f"pcc: error: {name} must be {expected}, not {value!r}\n"
    assert not (tmp_path / "data").exists()  # nothing was created
