"""`make run` blocks on the explorer, and Ctrl+C ends it cleanly: no `make: *** ... Error 130`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _serving(port: int) -> bool:
    """Streamlit answers its health check: started, not just bound (Ctrl+C while its server is
    still starting hits a Streamlit shutdown race, seen under two test workers)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_ctrl_c_stops_make_run_without_an_error(sample_warehouse, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(sample_warehouse, data, ignore=shutil.ignore_patterns("build"))
    port = _free_port()
    venv = Path(sys.executable).parent.parent
    # The venv is already installed: `-o` tells make not to remake it.
    command = ["make", "-o", "install", "-o", f"{venv}/.installed-stamp", "run"]
    command += [f"VENV={venv}", f"PORT={port}"]
    make = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PCC_DATA_DIR": str(data)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while not _serving(port):
            assert make.poll() is None, make.stdout.read()
            assert time.monotonic() < deadline, "the explorer did not start"
            time.sleep(0.5)
        assert make.poll() is None, "make run did not block on the explorer"
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl+C sends to the foreground job
        output, _ = make.communicate(timeout=60)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
    assert "nothing new since the refresh" in output
    assert "***" not in output and "Error" not in output, output
    assert not _listening(port), "the explorer kept running"
