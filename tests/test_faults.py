"""Faults around a refresh: dbt never outlives pcc, a locked build file is one line, GX scratch
copies of killed processes are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from expectations.gx_runner import SCRATCH_PREFIX, remove_orphan_copies
from pcc.build.refresh import _connect_build
from pcc.errors import PccError

CHILD = "import os, sys, time; open(os.environ['PID_FILE'], 'w').write(str(os.getpid())); time.sleep(60)"
PARENT = f"""
import sys
from pathlib import Path
import pcc.build.dbt_runner as runner
from pcc.paths import DataPaths
runner.dbt_executable = lambda: [sys.executable, "-c", {CHILD!r}]
runner.run_dbt(["build"], Path(sys.argv[1]) / "w.duckdb", DataPaths(Path(sys.argv[1])))
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in state  # a zombie has ended; only its parent has not reaped it


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux only")
def test_dbt_dies_with_pcc_even_when_only_pcc_is_killed(tmp_path):
    pid_file = tmp_path / "dbt.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        env={**os.environ, "PID_FILE": str(pid_file)},
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline and parent.poll() is None
            time.sleep(0.05)
        dbt = int(pid_file.read_text())
        assert _running(dbt)
        os.kill(parent.pid, signal.SIGKILL)  # pcc alone, not its process group
        parent.wait()
        deadline = time.monotonic() + 10
        while _running(dbt) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(dbt), "dbt outlived pcc"
    finally:
        parent.kill()


def test_a_build_file_locked_by_another_process_is_one_line(tmp_path):
    build = tmp_path / "warehouse-next.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(build)!r}); print('held', flush=True);"
            " time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(PccError) as locked:
            _connect_build(build)
    finally:
        holder.kill()
        holder.wait()
    message = str(locked.value)
    assert "\n" not in message
    assert message.startswith(f"build file {build} is locked by process {holder.pid} ")
    assert message.endswith("end that process and refresh again")


def test_gx_scratch_copies_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    orphan = tmp_path / f"{SCRATCH_PREFIX}{dead}-abc"
    mine = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    other = tmp_path / "unrelated"
    for folder in (orphan, mine, other):
        (folder / "gx").mkdir(parents=True)

    assert remove_orphan_copies(tmp_path) == [orphan]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
