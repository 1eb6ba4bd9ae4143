"""Shared helpers for the bench/ scripts: run pcc, read the refresh log, measure memory, print.

Scripts run as `.venv/bin/python bench/<name>.py`, so this folder is on sys.path.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW = ROOT / "data" / "raw"


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_tree_rss: int = 0  # bytes, sampled: the process and all its descendants together
    peak_process_rss: int = 0  # bytes, exact: largest of the process and its waited-for children


def pcc_env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PCC_DATA_DIR": str(data_dir), **extra}


def run_pcc(args: list[str], data_dir: Path, check: bool = True, sample_rss: bool = False) -> Run:
    """`python -m pcc <args>` with PCC_DATA_DIR=data_dir; wall time includes interpreter start.

    With sample_rss, also the peak RSS: sampled for the whole process tree, and from wait4 for
    the largest single process among pcc and the children it waited for (dbt).
    """
    command = [sys.executable, "-m", "pcc", *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=pcc_env(data_dir), stdout=out, stderr=err)
        sampler = TreeRssSampler(process.pid) if sample_rss else None
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = sampler.stop() if sampler else 0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if check and process.returncode != 0:
        tail = "\n".join((stdout + stderr).strip().splitlines()[-15:])
        raise SystemExit(f"pcc {' '.join(args)} failed ({process.returncode}):\n{tail}")
    return Run(seconds, process.returncode, stdout, stderr, peak, usage.ru_maxrss * 1024)


def last_refresh_steps(data_dir: Path) -> dict[str, float]:
    """{step: seconds} of the last refresh recorded in refresh_log.jsonl."""
    lines = (data_dir / "refresh_log.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    return {s["step"]: s["seconds"] for s in entry["steps"]}


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(parents.get(current, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeRssSampler:
    """Samples the summed RSS of a process tree every 0.2 s (psutil is not a dependency)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _descendants(self.pid)))
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at start {load}"
    )


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain-text table with right-aligned figures."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def record_target(name: str, measured: str, target: str, met: bool) -> str:
    """One target's line (returned for printing); also appended to $PCC_BENCH_RESULTS (JSON
    lines) when set, so `make bench` ends with one table of every target of the run."""
    results = os.environ.get("PCC_BENCH_RESULTS")
    if results:
        Path(results).parent.mkdir(parents=True, exist_ok=True)
        with open(results, "a", encoding="utf-8") as f:
            entry = {"target": name, "measured": measured, "wanted": target, "met": met}
            f.write(json.dumps(entry) + "\n")
    return f"{name}: {measured}, target {target}: {verdict(met)}"


def extract_files(raw: Path) -> list[Path]:
    """The CSV extracts under raw (plain or gzip), in path order."""
    return sorted(p for p in raw.rglob("*") if p.name.endswith((".csv", ".csv.gz")))


def bare_duckdb_load(files: list[Path], database: Path, config: dict) -> tuple[int, float]:
    """The floor: one table per file by DuckDB's read_csv with type sniffing, into a new file
    with the given settings, nothing checked or recorded; returns (rows, seconds)."""
    started = time.perf_counter()
    con = duckdb.connect(str(database), config=config)
    rows = 0
    for i, path in enumerate(files):
        rows += con.execute(
            f"create table t{i} as select * from read_csv('{path}', header = true)"
        ).fetchone()[0]
    con.close()
    return rows, time.perf_counter() - started


def gb(size: int) -> str:
    return f"{size / 2**30:.2f} GB"


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_shifted_month(source: Path) -> Path:
    """The next month's crime file: `source` (crime_records_YYYY-MM.csv.gz) moved on a month,
    with new crime references, written beside it."""
    year, month = map(int, source.name.removeprefix("crime_records_")[:7].split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    target = source.with_name(f"crime_records_{year:04d}-{month:02d}.csv.gz")
    con = duckdb.connect()
    try:
        con.execute(
            f"""
            copy (
                select * replace (
                    'N' || crime_id as crime_id,
                    strftime(recorded_date::date + interval 1 month, '%Y-%m-%d') as recorded_date,
                    strftime(outcome_date::date + interval 1 month, '%Y-%m-%d') as outcome_date
                )
                from read_csv('{source}', all_varchar = true, header = true)
            ) to '{target}' (format csv, header true, nullstr '', compression gzip)
            """
        )
    finally:
        con.close()
    return target
