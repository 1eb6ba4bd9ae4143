"""`pcc ingest` on the command line: load report, one stderr line per rejection, exit codes."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

from tests.ingest.extract_factory import valid_rows, write_extract

PCC = Path(sys.executable).parent / "pcc"


def pcc_ingest(
    *paths: Path, data_dir: Path, extra: list[str] = (), env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir), **(env or {})}
    command = [str(PCC), "ingest", *map(str, paths), *extra]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_report_stderr_lines_and_exit_code(files, data):
    good = write_extract(files / "a_calls.csv", valid_rows("call_handling", ("2024-01", "2024-02")))
    rows = valid_rows("crime_records", per_month=4)
    rows[2]["offence_code"] = "99Z"
    write_extract(files / "b_crime.csv", rows)

    first = pcc_ingest(files, data_dir=data.root)

    assert first.returncode == 1
    report = first.stdout.splitlines()
    assert report[0].split() == ["file", "type", "rows", "months", "action"]
    assert report[2].split() == [str(good), "call_handling", "180", "2024-01..2024-02", "loaded"]
    assert report[3].split()[:3] == [str(files / "b_crime.csv"), "crime_records", "rejected:"]
    assert report[-1] == "2 files: 1 loaded, 0 unchanged, 1 rejected"
    assert first.stderr.splitlines() == [
        f"{files / 'b_crime.csv'}:4: column offence_code: unknown offence_code '99Z' "
        "(not in the offence_codes reference list)"
    ]

    second = pcc_ingest(good, data_dir=data.root)
    assert (second.returncode, second.stderr) == (0, "")
    assert second.stdout.splitlines()[2].split()[-1] == "unchanged"


def test_default_is_the_raw_folder_of_pcc_data_dir(data):
    write_extract(data.raw / "calls.csv", valid_rows("call_handling"))
    result = pcc_ingest(data_dir=data.root)
    assert result.returncode == 0
    assert str(data.raw / "calls.csv") in result.stdout


def test_second_concurrent_ingest_fails_fast_with_one_line(files, data):
    path = write_extract(files / "calls.csv", valid_rows("call_handling"))
    data.landing_dir.mkdir(parents=True)
    with open(data.landing_dir / ".lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        blocked = pcc_ingest(path, data_dir=data.root)
    assert blocked.returncode == 1
    assert blocked.stderr.startswith("pcc: error: another ingest is using the landing store")
    assert len(blocked.stderr.splitlines()) == 1 and "Traceback" not in blocked.stderr


def test_missing_path_is_a_one_line_error(files, data):
    result = pcc_ingest(files / "nope.csv", data_dir=data.root)
    assert result.returncode == 1
    assert result.stderr == f"pcc: error: no such file or folder: {files / 'nope.csv'}\n"


def _ingest_imports_gx(path: Path, data_dir: Path) -> bool:
    """Whether ingesting `path` in a new process imported Great Expectations."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ingest.pipeline import ingest_paths\n"
        "from pcc.paths import DataPaths\n"
        f"ingest_paths([Path({str(path)!r})], DataPaths(Path({str(data_dir)!r})))\n"
        "print('great_expectations' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()[-1] == "True"


def test_great_expectations_is_imported_only_for_a_file_that_passes_its_contract(files, data):
    rows = valid_rows("crime_records", per_month=4)
    rows[2]["offence_code"] = "99Z"
    bad = write_extract(files / "bad_crime.csv", rows)
    good = write_extract(files / "calls.csv", valid_rows("call_handling", ("2024-01",)))

    assert not _ingest_imports_gx(bad, data.root)  # rejected by the contract: no suite runs
    assert _ingest_imports_gx(good, data.root)  # opened in the background, used by the gate
    assert not _ingest_imports_gx(good, data.root)  # the same bytes again: unchanged
