"""Ingest throughput against the limit: `pcc ingest` rows/s over bare DuckDB read_csv rows/s.

Usage: .venv/bin/python bench/ingest_throughput.py [RAW_DIR]   (default: the Kent sample)
Target: ratio at least 0.7. Both load the same files into a new on-disk DuckDB file with the
same DuckDB settings (pcc/config.py); the bare load has no contract checks, no
line numbers, no archive and no manifest. `pcc ingest` is timed as users run it (a new
process, interpreter start included).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
from common import (
    SAMPLE_RAW,
    bare_duckdb_load,
    extract_files,
    machine,
    record_target,
    run_pcc,
    table,
)

from pcc.config import duckdb_config

TARGET = 0.7


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
        bare_rows, bare_seconds = bare_duckdb_load(files, work / "bare.duckdb", duckdb_config())
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
    print(
        "\n"
        + record_target(
            "pcc ingest / bare read_csv (rows/s)", f"{ratio:.2f}", f">= {TARGET}", ratio >= TARGET
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
