"""The dbt process a refresh starts before ingest (pcc.build.dbt_runner.WarmDbt) behaves as the
`dbt` script does: same command, the caller's environment at the time of the build, the same
errors, and it never outlives a refresh that needed no build."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pcc.build.dbt_runner import WarmDbt, run_dbt
from pcc.errors import PccError
from pcc.paths import DataPaths


def _children(pid: int | None = None) -> set[int]:
    pids: set[int] = set()
    for task in Path(f"/proc/{pid or os.getpid()}/task").iterdir():
        pids |= {int(pid) for pid in (task / "children").read_text().split()}
    return pids


@pytest.fixture
def build_file(tmp_path):
    data = DataPaths(tmp_path / "data")
    path = data.build_dir / "warehouse-next.duckdb"
    path.parent.mkdir(parents=True)
    return path


def test_a_warm_dbt_runs_the_build_in_the_environment_of_the_build_not_of_its_start(
    sample_warehouse, build_file, tmp_path, monkeypatch
):
    data = DataPaths(tmp_path / "data")
    lines: list[str] = []
    with WarmDbt(build_file) as warm:
        # Set after the process started (as the quality gate sets its own variables).
        monkeypatch.setenv("DBT_LOG_FORMAT", "json")
        run_dbt(
            ["parse"], build_file, data, target_path=tmp_path / "t", echo=lines.append, warm=warm
        )
    printed = [line.strip() for line in lines if line.strip()]
    assert printed and all(json.loads(line)["info"]["name"] for line in printed)
    assert (tmp_path / "t" / "partial_parse.msgpack").exists()


def test_a_failing_command_reports_the_same_error_warm_or_not(build_file, tmp_path):
    data = DataPaths(tmp_path / "data")
    errors = []
    for warm in (WarmDbt(build_file), None):
        with pytest.raises(PccError) as failed:
            run_dbt(
                ["build", "--no-such-option"], build_file, data, echo=lambda line: None, warm=warm
            )
        errors.append(str(failed.value))
    assert errors[0] == errors[1]
    assert "no-such-option" in errors[0]


def test_a_warm_dbt_that_gets_no_command_is_ended(build_file):
    before = _children()
    warm = WarmDbt(build_file)
    assert _children() - before  # running, importing dbt
    warm.close()
    assert not _children() - before


def _running(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def test_a_warm_dbt_dies_with_a_refresh_killed_before_its_build(build_file):
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from pcc.build.dbt_runner import WarmDbt;"
            " warm = WarmDbt(Path(sys.argv[1])); time.sleep(60)",
            str(build_file),
        ]
    )
    try:
        deadline = time.monotonic() + 30
        while not (children := _children(parent.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert children, "the warm dbt process never started"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_running(pid) for pid in children)
    finally:
        parent.kill()
        parent.wait()
