"""Run dbt as a subprocess against one warehouse file.

Each warehouse file gets its own target and log folders under build/, so a refresh, a docs
build and a test run can work side by side; only dbt's saved parse state is offered from one
run to the next new folder (PARSE_CACHE), copied in and out atomically. Progress lines are
streamed as dbt prints them; a failure raises PccError naming the first failed node.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pcc.errors import PccError
from pcc.paths import PROJECT_ROOT, DataPaths

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# dbt's per-node "START" lines double the output without adding information.
_QUIET = re.compile(r"\bSTART\b")


@dataclass(frozen=True)
class DbtEvent:
    """One line of dbt's `--log-format json` output (a line that is not JSON: level 'info')."""

    name: str  # dbt's event name, e.g. 'LogModelResult'; '' for a line that is not JSON
    level: str  # 'debug', 'info', 'warn' or 'error'
    message: str  # what dbt prints for it in text mode
    index: int | None = None  # 'i' of dbt's 'i of n' node lines
    total: int | None = None  # nodes in the run ('n'), known from the ConcurrencyLine on

    @property
    def node_done(self) -> bool:
        """A node finished (passed, failed, was skipped or had nothing to do)."""
        return self.index is not None and self.name != "LogStartLine"

    @classmethod
    def parse(cls, line: str) -> DbtEvent:
        try:
            record = json.loads(line)
            info, data = record["info"], record.get("data") or {}
        except (json.JSONDecodeError, KeyError, TypeError):
            return cls("", "info", line)
        total = data.get("total", data.get("num_models", data.get("node_count")))
        return cls(
            str(info.get("name", "")),
            str(info.get("level", "info")),
            str(info.get("msg", "")),
            data.get("index") if isinstance(data.get("index"), int) else None,
            total if isinstance(total, int) else None,
        )


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


def _die_with_parent() -> None:
    """In the dbt child, before exec: be killed when pcc dies, however pcc dies (even kill -9
    of pcc alone), so dbt never outlives the refresh that started it (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the process group is still ended on errors
        pass


def dbt_executable() -> list[str]:
    """The dbt of the running interpreter's environment (the project's .venv)."""
    beside = Path(sys.executable).with_name("dbt")
    if beside.exists():
        return [str(beside)]
    return [sys.executable, "-m", "dbt.cli.main"]


def dbt_run_dir(warehouse_path: Path, data: DataPaths) -> Path:
    return data.build_dir / "dbt" / warehouse_path.stem


def _node_name(unique_id: str) -> str:
    """'model fct_x', 'test unique_x_id', 'unit_test fct_x::test_y' from a dbt unique_id."""
    parts = unique_id.split(".")
    resource = parts[0]
    if resource == "unit_test" and len(parts) >= 4:
        return f"unit_test {parts[2]}::{parts[3]}"
    if resource == "test" and len(parts) >= 4:
        return f"test {parts[2]}"  # generic tests end in a hash
    return f"{resource} {parts[-1]}"


def _failed_nodes(target_path: Path) -> list[str]:
    """'<node>: <first line of message>' for every errored or failed node of the last run."""
    results_file = target_path / "run_results.json"
    if not results_file.exists():
        return []
    results = json.loads(results_file.read_text(encoding="utf-8")).get("results", [])
    failed = []
    for result in results:
        if result.get("status") in ("error", "fail", "runtime error"):
            node = _node_name(result.get("unique_id", "?"))
            message = (result.get("message") or "").strip().splitlines()
            failed.append(f"{node}: {message[0] if message else result['status']}")
    return failed


def _error_from_output(lines: list[str]) -> str:
    for line in reversed(lines):
        text = line.strip()
        if any(word in text for word in ("Error", "error", "Failure")):
            return text
    return lines[-1].strip() if lines else "no output"


# dbt's parse state (partial_parse.msgpack), shared by every data folder of this checkout: a
# build in a new folder (a first refresh, a test's own warehouse) starts from the last parse
# instead of parsing every model, test and macro again (about 6-8 s). One state per build file
# name and --vars, the parts of the invocation that decide whether dbt may reuse it. dbt checks
# the state itself (dbt version, vars, profile, dbt_project.yml, each file's checksum) and
# parses again whatever does not match, so a stale copy costs time, never correctness.
PARSE_CACHE = PROJECT_ROOT / "target" / "dbt-parse"
PARTIAL_PARSE = "partial_parse.msgpack"


def parse_cache_file(warehouse_path: Path, args: list[str]) -> Path:
    """The shared parse state for builds of a file of this name with these --vars."""
    vars_json = args[args.index("--vars") + 1] if "--vars" in args else ""
    key = hashlib.sha256(f"{warehouse_path.name}\0{vars_json}".encode()).hexdigest()[:16]
    return PARSE_CACHE / f"{key}.msgpack"


def _seed_parse_state(target_path: Path, shared: Path) -> None:
    state = target_path / PARTIAL_PARSE
    if not state.exists() and shared.exists():
        with contextlib.suppress(OSError):  # no shared state: dbt parses in full
            shutil.copyfile(shared, state)


def _keep_parse_state(target_path: Path, shared: Path) -> None:
    """Offer this run's parse state to the next new folder (atomically: runs may overlap)."""
    state = target_path / PARTIAL_PARSE
    if not state.exists():
        return
    with contextlib.suppress(OSError):  # a read-only checkout: every new folder parses in full
        shared.parent.mkdir(parents=True, exist_ok=True)
        scratch = shared.with_name(f"{shared.name}.{os.getpid()}")
        shutil.copyfile(state, scratch)
        os.replace(scratch, shared)


def run_dbt(
    args: list[str],
    warehouse_path: Path,
    data: DataPaths,
    *,
    project_dir: Path = PROJECT_ROOT,
    target_path: Path | None = None,
    echo: Callable[[str], None] | None = None,
    on_event: Callable[[DbtEvent], None] | None = None,
    warm: WarmDbt | None = None,
) -> None:
    """Run `dbt <args>` in warehouse_path's folder, PCC_BUILD_WAREHOUSE its name; PccError on failure.

    Without `on_event`, dbt's lines go to `echo` (default: stdout) as it prints them; with it,
    dbt logs structured JSON lines and each one reaches `on_event` as a DbtEvent instead.
    `warm`: a dbt process started ahead for this file (used if it is still waiting).
    """
    run_dir = dbt_run_dir(warehouse_path, data)
    target_path = target_path or run_dir / "target"
    log_path = run_dir / "logs"
    target_path.mkdir(parents=True, exist_ok=True)
    log_path.mkdir(parents=True, exist_ok=True)
    (target_path / "run_results.json").unlink(missing_ok=True)
    # A copied project (tests/dbt/conftest.py) parses on its own.
    shared_parse = parse_cache_file(warehouse_path, args) if project_dir == PROJECT_ROOT else None
    if shared_parse:
        _seed_parse_state(target_path, shared_parse)
    command = [
        *dbt_executable(),
        *args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir / "dbt_project"),
        "--target-path",
        str(target_path),
        "--log-path",
        str(log_path),
        "--no-use-colors",
        *(["--log-format", "json"] if on_event else []),
    ]
    echo = echo or (lambda line: print(line, flush=True))
    output: list[str] = []
    cwd, env = _dbt_place(warehouse_path)
    started = warm.take(command[len(dbt_executable()) :], cwd, env) if warm else None
    with started or _spawn(command, cwd, env) as process:
        assert process.stdout is not None
        for raw_line in process.stdout:
            line = _ANSI.sub("", raw_line.rstrip("\n"))
            if on_event is not None:
                event = DbtEvent.parse(line)
                output.append(event.message)
                on_event(event)
                continue
            output.append(line)
            if line.strip() and not _QUIET.search(line):
                echo(f"  {line}")
        returncode = process.wait()
    if returncode == 0 and shared_parse:
        _keep_parse_state(target_path, shared_parse)
    if returncode != 0:
        failed = _failed_nodes(target_path)
        what = "dbt " + " ".join(args[:2] if args[:1] == ["docs"] else args[:1])
        if failed:
            more = (
                f" (and {len(failed) - 1} more; see {log_path / 'dbt.log'})"
                if len(failed) > 1
                else ""
            )
            raise PccError(f"{what} failed: {failed[0]}{more}")
        raise PccError(f"{what} failed: {_error_from_output(output)}")


def _dbt_place(warehouse_path: Path) -> tuple[Path, dict[str, str]]:
    """The working folder and environment dbt runs with for warehouse_path."""
    env = {
        **os.environ,
        # The profile names the file relative to dbt's working folder (the file's own), so every
        # refresh's profile is the same and dbt can reuse its parse state (PARSE_CACHE).
        "PCC_BUILD_WAREHOUSE": warehouse_path.name,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    return warehouse_path.resolve().parent, env


def _spawn(
    command: list[str], cwd: Path, env: dict[str, str], stdin: int | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        preexec_fn=_die_with_parent,
    )


class WarmDbt:
    """A dbt process for warehouse_path started before its command is known.

    dbt's import (about 1.4 s) then runs while the refresh ingests, on the other core. The
    first run_dbt in the same folder sends it its command and environment; close() ends
    it if no build came (nothing new, or ingest failed). Output and exit codes are the `dbt`
    script's (pcc.build.dbt_child).
    """

    def __init__(self, warehouse_path: Path) -> None:
        self._cwd, env = _dbt_place(warehouse_path)
        command = [sys.executable, "-m", "pcc.build.dbt_child"]
        self._process: subprocess.Popen[str] | None = _spawn(
            command, self._cwd, env, stdin=subprocess.PIPE
        )

    def take(self, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[str] | None:
        """The waiting process, now running `dbt <args>`; None if it cannot be used."""
        process, self._process = self._process, None
        if process is None:
            return None
        if cwd != self._cwd or process.poll() is not None:
            _end(process)
            return None
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps({"args": args, "env": env}) + "\n")
            process.stdin.close()
        except OSError:  # it died before reading its command
            _end(process)
            return None
        return process

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            _end(process)

    def __enter__(self) -> WarmDbt:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _end(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.communicate()


KEEP_RUN_DIRS = 5


def prune_run_dirs(data: DataPaths, keep: int = KEEP_RUN_DIRS) -> None:
    """Each build file gets its own dbt folder; keep the newest few (logs for debugging)."""
    root = data.build_dir / "dbt"
    if not root.is_dir():
        return
    runs = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in runs[:-keep]:
        shutil.rmtree(old, ignore_errors=True)


def build_warehouse(
    warehouse_path: Path,
    data: DataPaths,
    vars: dict | None = None,
    *,
    select: list[str] | None = None,
    skip_unit_tests: bool = False,
    target_path: Path | None = None,
    on_event: Callable[[DbtEvent], None] | None = None,
    warm: WarmDbt | None = None,
) -> None:
    """`dbt build` (seeds, models, data tests, unit tests) into warehouse_path.

    select limits the build to those dbt selectors; skip_unit_tests leaves out the unit
    tests, which exercise model logic on fixed inputs and so only need running when the
    models change; a target_path shared between builds lets dbt parse only changed files.
    """
    args = ["build"]
    if vars:
        args += ["--vars", json.dumps(vars)]
    if select:
        args += ["--select", *select]
    if skip_unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    run_dbt(args, warehouse_path, data, target_path=target_path, on_event=on_event, warm=warm)
    prune_run_dirs(data)
