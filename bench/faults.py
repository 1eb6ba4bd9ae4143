"""Fault suite: kill -9 `pcc refresh` at random moments and check nothing is lost or broken.

Usage: .venv/bin/python bench/faults.py [--trials 20] [--seed N] [--keep DIR]
Run by `make faults` (never by `make test`: it takes tens of minutes).

Setup: a data directory with the Kent sample minus its last three crime months refreshed and
published (the "last good" warehouse), and an uninterrupted refresh of the full sample from
that state (the reference measures). Each trial copies the last-good state, starts a refresh
of the full sample (three new months to ingest, then an incremental build from a copy of the
last good warehouse, check, publish), waits for the
chosen step's "[k/4] <step> ..." line plus a random delay within that step's usual duration,
and kills the refresh's whole process group with SIGKILL (dbt included), while a reader thread
keeps opening the published warehouse read-only and querying it. After the kill:
  - the published warehouse is byte for byte the last good one (sha256) - or, if the kill
    came after the atomic rename in publish, a complete new warehouse with the right measures;
  - the landing store is consistent: every manifest row's file is archived under
    landing/files with that sha256, each whole load's rows are all in its landing table, every
    landing row belongs to the load owning its month, one owner per (source, month);
  - the next refresh succeeds, gives exactly the reference `pcc measures` output, and leaves
    no build files of the killed run behind;
  - the reader never saw an error.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from common import ROOT, SAMPLE_RAW, last_refresh_steps, machine, pcc_env, run_pcc, table

from ingest.contracts import CONTRACTS

STEPS = ("ingest", "build", "check", "publish")
NEW_MONTHS = ("2025-07", "2025-08", "2025-09")
MEASURES = ["measures", "--period-end", "2025-09", "--format", "csv"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def landing_problems(data_dir: Path) -> list[str]:
    """Everything inconsistent between the manifest, the archive and the landing tables."""
    landing = data_dir / "landing"
    if not (landing / "landing.duckdb").exists():
        return []
    problems = []
    con = duckdb.connect(str(landing / "landing.duckdb"), read_only=True)
    try:
        manifest = con.execute(
            "select load_id, source, file_sha256, rows, months, archive_path from load_manifest"
        ).fetchall()
        owned = dict(con.execute("select load_id, count(*) from month_owner group by 1").fetchall())
        doubled = con.execute(
            "select count(*) from (select source, month from month_owner group by all "
            "having count(*) > 1)"
        ).fetchone()[0]
        if doubled:
            problems.append(f"{doubled} (source, month) with more than one owner")
        for load_id, source, file_sha, rows, months, archive_path in manifest:
            archived = landing / archive_path
            if not archived.exists():
                problems.append(f"load {load_id}: archive {archive_path} missing")
            elif sha256(archived) != file_sha:
                problems.append(f"load {load_id}: archive {archive_path} has other bytes")
            if owned.get(load_id, 0) == months:  # still owns all its months: all rows present
                landed = con.execute(
                    f"select count(*) from main.{source} where _file_sha256 = ?", [file_sha]
                ).fetchone()[0]
                if landed != rows:
                    problems.append(f"load {load_id}: manifest {rows} rows, landing {landed}")
        for source, contract in CONTRACTS.items():
            month = f"date_trunc('month', \"{contract.month_column}\")::date"
            stray = con.execute(
                f"""
                select count(*) from main.{source} as s
                where not exists (
                    select 1 from month_owner as o join load_manifest as m using (load_id)
                    where o.source = '{source}' and o.month = {month}
                        and m.file_sha256 = s._file_sha256
                )
                """
            ).fetchone()[0]
            if stray:
                problems.append(f"{source}: {stray} rows not owned by their month's load")
    finally:
        con.close()
    return problems


def orphan_archives(data_dir: Path) -> int:
    files = data_dir / "landing" / "files"
    return sum(1 for _ in files.iterdir()) if files.exists() else 0


def build_files(data_dir: Path) -> list[str]:
    build = data_dir / "build"
    return sorted(p.name for p in build.glob("warehouse-*")) if build.exists() else []


class Reader:
    """Opens the published warehouse read-only over and over and queries a mart."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse, self.reads, self.errors = warehouse, 0, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                con = duckdb.connect(str(self.warehouse), read_only=True)
                try:
                    con.execute("select count(*), sum(value) from marts.fct_measure_windows")
                    con.fetchall()
                finally:
                    con.close()
                self.reads += 1
            except duckdb.Error as exc:
                self.errors.append(str(exc).splitlines()[0])
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Trial:
    number: int
    step: str
    delay: float = 0.0
    killed_in: str | None = None
    published: str = ""
    landing: list[str] = field(default_factory=list)
    stale_after_kill: int = 0
    recovered: bool = False
    same_measures: bool = False
    stale_after_recovery: list[str] = field(default_factory=list)
    reader: str = ""

    @property
    def passed(self) -> bool:
        return (
            self.killed_in is not None
            and self.published in ("last good", "new, complete")
            and not self.landing
            and self.recovered
            and self.same_measures
            and self.reader.endswith(" 0 errors")
        )


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put((time.perf_counter(), line.rstrip("\n")))
    out.put((time.perf_counter(), None))


def refresh_and_kill(data_dir: Path, raw: Path, step: str, delay: float) -> str | None:
    """Start a refresh, SIGKILL its process group `delay` s after `step` starts.

    Returns the step it was in when killed (the last "[k/4] step ..." line before the kill),
    or None if it finished first.
    """
    marker = f"[{STEPS.index(step) + 1}/4] {step} ..."
    process = subprocess.Popen(
        [sys.executable, "-m", "pcc", "refresh", "--raw", str(raw)],
        cwd=ROOT,
        env=pcc_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: dbt dies with it, as in a crash
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    seen: list[tuple[float, str]] = []
    killed_at = None
    while True:
        at, line = lines.get()
        if line is None:
            break
        seen.append((at, line))
        if line.startswith(marker):
            time.sleep(delay)
            if process.poll() is None:
                killed_at = time.perf_counter()
                os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait()
    reader.join()
    while not lines.empty():
        at, line = lines.get()
        if line is not None:
            seen.append((at, line))
    if killed_at is None or process.returncode != -signal.SIGKILL:
        return None
    started = [line for at, line in seen if at <= killed_at and line.endswith(" ...")]
    for name in reversed(STEPS):
        if any(f"] {name} ..." in line for line in started):
            return name
    return "start"


def run_trial(
    number: int, step: str, delay: float, base: Path, work: Path, raw: Path, good: dict
) -> Trial:
    trial = Trial(number, step, delay)
    data_dir = work / f"trial-{number:02d}"
    shutil.copytree(base, data_dir)
    reader = Reader(data_dir / "warehouse.duckdb")
    try:
        trial.killed_in = refresh_and_kill(data_dir, raw, step, delay)
        if sha256(data_dir / "warehouse.duckdb") == good["sha"]:
            trial.published = "last good"
        else:  # killed after the rename: must be the new, complete warehouse
            measures = run_pcc(MEASURES, data_dir, check=False).stdout
            trial.published = "new, complete" if measures == good["measures"] else "BROKEN"
        trial.landing = landing_problems(data_dir)
        trial.stale_after_kill = len(build_files(data_dir))
        before = set(build_files(data_dir))
        recovery = run_pcc(["refresh", "--raw", str(raw)], data_dir, check=False)
        trial.recovered = recovery.returncode == 0
        trial.same_measures = run_pcc(MEASURES, data_dir, check=False).stdout == good["measures"]
        trial.landing += [f"after recovery: {p}" for p in landing_problems(data_dir)]
        trial.stale_after_recovery = sorted(before & set(build_files(data_dir)))
    finally:
        reader.stop()
    trial.reader = f"{reader.reads} reads, {len(reader.errors)} errors"
    if reader.errors:
        trial.landing.append(f"reader: {reader.errors[0]}")
    shutil.rmtree(data_dir, ignore_errors=True)
    return trial


def prepare(work: Path) -> tuple[Path, Path, dict, dict[str, float]]:
    """Last-good state (sample minus 3 months, published) and the uninterrupted reference."""
    raw_full = work / "raw-full"
    shutil.copytree(SAMPLE_RAW, raw_full)
    raw_base = work / "raw-base"
    shutil.copytree(SAMPLE_RAW, raw_base)
    for month in NEW_MONTHS:
        (raw_base / "crime_records" / f"crime_records_{month}.csv.gz").unlink()
    base = work / "base"
    print("building the last good warehouse (sample minus 3 months) ...", flush=True)
    run_pcc(["refresh", "--raw", str(raw_base)], base)
    reference = work / "reference"
    shutil.copytree(base, reference)
    print("uninterrupted reference refresh of the full sample ...", flush=True)
    run = run_pcc(["refresh", "--raw", str(raw_full)], reference)
    steps = last_refresh_steps(reference)
    good = {
        "sha": sha256(base / "warehouse.duckdb"),
        "measures": run_pcc(MEASURES, reference).stdout,
    }
    print(
        f"reference refresh {run.seconds:.1f} s: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()),
        flush=True,
    )
    shutil.rmtree(reference)
    return base, raw_full, good, steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=random.randrange(10**6))
    parser.add_argument("--keep", type=Path, help="Work in (and keep) this folder.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    print(f"fault suite: {args.trials} kills, seed {args.seed}, in {work}")
    print(f"machine: {machine()}\n", flush=True)
    try:
        base, raw, good, durations = prepare(work)
        trials = []
        for number in range(1, args.trials + 1):
            step = STEPS[(number - 1) % len(STEPS)]
            # Somewhere inside the step as the reference run timed it (publish takes ms).
            delay = rng.uniform(0, max(durations.get(step, 0.0), 0.02) * 0.9)
            trial = run_trial(number, step, delay, base, work, raw, good)
            trials.append(trial)
            print(
                f"  kill {number:2d} during {step:<7} +{delay:5.2f} s: "
                f"{'pass' if trial.passed else 'FAIL'}"
                + (f" ({'; '.join(trial.landing)})" if trial.landing else ""),
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    rows = [
        [
            t.number,
            t.step,
            f"+{t.delay:.2f} s",
            t.killed_in or "finished first",
            t.published,
            "ok" if not t.landing else "PROBLEM",
            t.stale_after_kill,
            "ok" if t.recovered else "FAILED",
            "same" if t.same_measures else "DIFFERENT",
            len(t.stale_after_recovery),
            t.reader,
            "pass" if t.passed else "FAIL",
        ]
        for t in trials
    ]
    print()
    print(
        table(
            ["#", "aimed at", "delay", "killed in", "published warehouse", "landing",
             "build files left", "next refresh", "measures", "left after next", "reader",
             "result"],
            rows,
        )
    )  # fmt: skip
    passed = sum(t.passed for t in trials)
    print(
        f"\n{passed}/{len(trials)} kills: last good warehouse kept (or new one complete), "
        "landing store consistent, next refresh ok with identical measures, reader unharmed"
    )
    stale = sum(bool(t.stale_after_recovery) for t in trials)
    print(
        f"{len(trials) - stale}/{len(trials)} kills: the next refresh removed the killed "
        "run's build files" + (" (refresh does not clean stale build files)" if stale else "")
    )
    return 0 if passed == len(trials) and not stale else 1


if __name__ == "__main__":
    sys.exit(main())
