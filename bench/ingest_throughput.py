"""Ingest throughput against the limit: `pcc ingest` rows/s over bare DuckDB read_csv rows/s.

Usage: .venv/bin/python bench/ingest_throughput.py [RAW_DIR]   (default: the Kent sample)
Target: ratio at least 0.5. Both load the same files into a new on-disk DuckDB file with the
same DuckDB settings (pcc/config.py); the bare load has no contract checks, no
line numbers, no archive and no manifest. `pcc ingest` is timed as users run it (a new
process, interpreter start included).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from common import SAMPLE_RAW, machine, run_pcc, table, verdict

from pcc.config import duckdb_config

TARGET = 0.5


def extract_files(raw: Path) -> list[Path]:
    return sorted(p for p in raw.rglob("*") if p.name.endswith((".csv", ".csv.gz")))


def bare_duckdb(files: list[Path], database: Path) -> tuple[int, float]:
    """One table per file, read_csv with type sniffing; returns (rows, seconds)."""
    started = time.perf_counter()
    con = duckdb.connect(str(database), config=duckdb_config())
    rows = 0
    for i, path in enumerate(files):
        rows += con.execute(
            f"create table t{i} as select * from read_csv('{path}', header = true)"
        ).fetchone()[0]
    con.close()
    return rows, time.perf_counter() - started


def main() -> int:
    raw = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE_RAW
    files = extract_files(raw)
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        print(f"ingest throughput on {raw} ({len(files)} files)\nmachine: {machine()}\n")
        ingest = run_pcc(["ingest", str(raw)], work / "pcc")
        con = duckdb.connect(str(work / "pcc" / "landing" / "landing.duckdb"), read_only=True)
        ingest_rows = con.execute(
            "select sum(rows) from load_manifest where action in ('loaded', 'superseded')"
        ).fetchone()[0]
        con.close()
        bare_rows, bare_seconds = bare_duckdb(files, work / "bare.duckdb")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pcc_rate, bare_rate = ingest_rows / ingest.seconds, bare_rows / bare_seconds
    print(
        table(
            ["load", "rows", "seconds", "rows/s"],
            [
                ["pcc ingest", f"{ingest_rows:,}", f"{ingest.seconds:.1f}", f"{pcc_rate:,.0f}"],
                ["bare read_csv", f"{bare_rows:,}", f"{bare_seconds:.1f}", f"{bare_rate:,.0f}"],
            ],
        )
    )
    ratio = pcc_rate / bare_rate
    print(f"\nratio {ratio:.2f}, target >= {TARGET}: {verdict(ratio >= TARGET)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
