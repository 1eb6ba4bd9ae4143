"""Kent sample: cold `pcc refresh` end to end and per step, then a refresh after one new month.

Usage: .venv/bin/python bench/refresh_kent.py [--keep DIR] [--no-explorer]
Targets (ratios measured in this one run): cold refresh at most 3 x the bare DuckDB load of the
same files (bench/common.py bare_duckdb_load: read_csv into tables, nothing checked); one new
month at most 15% of cold; a refresh with nothing new at most 5% of cold.
The new month's refresh is incremental (pcc/build/build_plan.py); a third refresh with nothing new
shows the floor: ingest skipping every file, a copy of the warehouse, and the checks.
The new month (2025-10, synthetic) is the sample's September 2025 crime file shifted one
month with new crime references; the other extracts are unchanged, so ingest skips them.
Then the explorer's warm render time per page on this warehouse (bench/explorer_render.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import (
    ROOT,
    SAMPLE_RAW,
    bare_duckdb_load,
    extract_files,
    last_refresh_steps,
    machine,
    pcc_env,
    record_target,
    run_pcc,
    table,
    write_shifted_month,
)

from pcc.config import duckdb_config

COLD_OVER_BARE = 3.0
NEW_MONTH_SHARE = 0.15
NOTHING_NEW_SHARE = 0.05
STEPS = ("ingest", "build", "check", "publish")


def write_next_month(raw: Path) -> Path:
    """crime_records_2025-10.csv.gz: September 2025 moved on a month, new crime references."""
    return write_shifted_month(raw / "crime_records" / "crime_records_2025-09.csv.gz")


def explorer_render(data_dir: Path, label: str) -> None:
    print(f"\nExplorer warm render per page ({label}):", flush=True)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "explorer_render.py")],
        cwd=ROOT,
        env=pcc_env(data_dir),
        capture_output=True,
        text=True,
    )
    print(result.stdout.rstrip() or "(no output)")
    if result.returncode != 0 and result.stdout.strip():
        print(f"(explorer_render.py exit {result.returncode}: a page is over its target)")
    elif result.returncode != 0:
        print(f"explorer_render.py failed ({result.returncode}): {result.stderr.strip()[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Use (and keep) this data directory.")
    parser.add_argument("--no-explorer", action="store_true")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="bench-kent-"))
    if (data_dir / "warehouse.duckdb").exists() or (data_dir / "landing").exists():
        raise SystemExit(f"{data_dir} is not empty: a cold refresh needs an empty data directory")
    raw = data_dir / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    print(f"Kent refresh benchmark in {data_dir}\nmachine: {machine()}\n", flush=True)

    _, bare_seconds = bare_duckdb_load(
        extract_files(raw), data_dir / "bare.duckdb", duckdb_config()
    )
    (data_dir / "bare.duckdb").unlink()
    cold = run_pcc(["refresh", "--raw", str(raw)], data_dir)
    cold_steps = last_refresh_steps(data_dir)
    write_next_month(raw)
    month = run_pcc(["refresh", "--raw", str(raw)], data_dir)
    month_steps = last_refresh_steps(data_dir)
    logged = len(data_dir.joinpath("refresh_log.jsonl").read_text().splitlines())
    idle = run_pcc(["refresh", "--raw", str(raw)], data_dir)
    # A refresh with nothing new logs no steps (it skips them): show them as not run.
    now_logged = len(data_dir.joinpath("refresh_log.jsonl").read_text().splitlines())
    idle_steps = last_refresh_steps(data_dir) if now_logged > logged else {}

    runs = (cold_steps, month_steps, idle_steps)
    rows = [[step, *(f"{steps.get(step, 0):.1f}" for steps in runs)] for step in STEPS]
    rows.append(["end to end (wall)", *(f"{r.seconds:.1f}" for r in (cold, month, idle))])
    print(table(["seconds", "cold", "+1 month (2025-10)", "nothing new"], rows))
    print(f"bare DuckDB load of the same files: {bare_seconds:.1f} s\n")
    over_bare = cold.seconds / bare_seconds
    share, idle_share = month.seconds / cold.seconds, idle.seconds / cold.seconds
    lines = [
        record_target(
            "Kent cold refresh / bare DuckDB load",
            f"{cold.seconds:.1f} s / {bare_seconds:.1f} s = {over_bare:.1f} x",
            f"<= {COLD_OVER_BARE:.0f} x",
            over_bare <= COLD_OVER_BARE,
        ),
        record_target(
            "Kent one new month / cold",
            f"{month.seconds:.1f} s = {share:.0%}",
            f"<= {NEW_MONTH_SHARE:.0%}",
            share <= NEW_MONTH_SHARE,
        ),
        record_target(
            "Kent nothing new / cold",
            f"{idle.seconds:.1f} s = {idle_share:.0%}",
            f"<= {NOTHING_NEW_SHARE:.0%}",
            idle_share <= NOTHING_NEW_SHARE,
        ),
    ]
    print("\n".join(lines))
    if not args.no_explorer:
        explorer_render(data_dir, "Kent sample")
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
