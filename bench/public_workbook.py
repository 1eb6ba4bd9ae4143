"""Loading a full-size police recorded crime open data workbook: rows per second, peak memory.

SYNTHETIC: writes an .ods in the published layout (one sheet per financial year 2012/13 to
2024/25, a notes sheet, 43 territorial forces plus the national fraud bodies and BTP, both
count-column vintages) with invented counts, about 2 million rows, then loads it with
`pcc ingest`'s code path (ingest.pipeline.ingest_paths) into a fresh landing store.

Usage: .venv/bin/python bench/public_workbook.py [--rows 2000000] [--workbook PATH] [--tracemalloc]
The workbook is written once (in a child process, so its memory is not counted) and reused.
Peak memory: the process's maximum resident set size (resource.getrusage, includes calamine's
Rust allocations) and tracemalloc's peak of Python allocations during the load.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.pipeline import ingest_paths  # noqa: E402
from pcc.paths import SEEDS_DIR, DataPaths  # noqa: E402
from tests.public.ods import write_ods  # noqa: E402

YEARS = list(range(2012, 2025))  # 2012/13 .. 2024/25
NON_TERRITORIAL = ["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"]


def _forces() -> list[str]:
    with open(SEEDS_DIR / "public" / "forces.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["force_name"] for r in rows if r["is_territorial"] == "true"]


def _offences() -> list[tuple[str, str, str, str]]:
    with open(SEEDS_DIR / "offence_codes.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, out = set(), []
    for r in rows:
        if r["open_data_code"] not in seen:
            seen.add(r["open_data_code"])
            out.append(
                (
                    r["open_data_code"],
                    r["offence_description"],
                    r["offence_group"],
                    r["offence_subgroup"],
                )
            )
    return out


def write_workbook(path: Path, target_rows: int) -> int:
    forces = _forces() + NON_TERRITORIAL
    offences = _offences()
    per_force_quarter = max(1, target_rows // (len(YEARS) * 4 * len(forces)))
    # More rows per force-quarter than codes: repeat each offence as variants with codes of
    # their own (a key delivered twice refuses the file; unknown codes are kept and noted).
    variants = -(-per_force_quarter // len(offences))
    written = 0

    def sheet(start: int):
        nonlocal written
        fy = f"{start}/{(start + 1) % 100:02d}"
        count_column = "Number of Offences" if start < 2018 else "Offence Count"
        yield [
            "Financial Year",
            "Financial Quarter",
            "Force Name",
            "Offence Description",
            "Offence Group",
            "Offence Subgroup",
            "Offence Code",
            count_column,
        ]
        for quarter in (1, 2, 3, 4):
            for f_index, force in enumerate(forces):
                n = 0
                for v in range(variants):
                    for o_index, (code, description, group, subgroup) in enumerate(offences):
                        if n == per_force_quarter:
                            break
                        n += 1
                        written += 1
                        label = description if v == 0 else f"{description} (variant {v})"
                        count = (start * 7 + quarter * 13 + f_index * 17 + o_index * 31 + v) % 500
                        coded = code if v == 0 else f"{code}/v{v}"
                        yield [fy, quarter, force, label, group, subgroup, coded, count]

    notes = [["Notes"], ["SYNTHETIC benchmark workbook: invented counts, published layout."]]
    sheets = [("Notes", notes)] + [
        (f"{s}-{(s + 1) % 100:02d}" if s < 2018 else f"{s}_{(s + 1) % 100:02d}", sheet(s))
        for s in YEARS
    ]
    write_ods(path, sheets)
    return written


def _write(path: str, rows: int) -> None:
    write_workbook(Path(path), rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--workbook", type=Path, default=None)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    args = parser.parse_args()
    workbook = args.workbook or Path(tempfile.gettempdir()) / f"prc-bench-{args.rows}.ods"
    if not workbook.exists():
        print(f"writing {workbook} (synthetic, ~{args.rows:,} rows) ...", flush=True)
        started = time.perf_counter()
        child = multiprocessing.Process(target=_write, args=(str(workbook), args.rows))
        child.start()
        child.join()
        if child.exitcode:
            return child.exitcode
        print(f"  written in {time.perf_counter() - started:.1f} s", flush=True)
    print(f"workbook: {workbook} ({workbook.stat().st_size / 1e6:.1f} MB)", flush=True)

    data = DataPaths(Path(tempfile.mkdtemp(prefix="prc-bench-data-")))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_started = time.process_time()
    started = time.perf_counter()
    report = ingest_paths([workbook], data)
    seconds = time.perf_counter() - started
    # CPU time is steadier than wall time on a shared machine (DuckDB threads included).
    cpu_seconds = time.process_time() - cpu_started
    (result,) = report.files
    if result.action != "loaded":
        print(f"not loaded: {result.action_text}", file=sys.stderr)
        return 1
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"rows loaded:        {result.rows:,}")
    print(f"load time:          {seconds:.1f} s")
    print(f"rows per second:    {result.rows / seconds:,.0f}")
    print(
        f"CPU time:           {cpu_seconds:.1f} s ({result.rows / cpu_seconds:,.0f} rows per CPU second)"
    )
    print(
        f"peak RSS:           {rss_peak / 1024:,.0f} MiB (before the load: {rss_before / 1024:,.0f} MiB)"
    )
    if args.tracemalloc:
        # A second load into a fresh store, traced: tracemalloc slows Python several-fold, so
        # it is kept out of the timed run. It sees Python allocations only (not calamine's).
        again = DataPaths(Path(tempfile.mkdtemp(prefix="prc-bench-data-")))
        tracemalloc.start()
        ingest_paths([workbook], again)
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc peak:   {python_peak / 2**20:,.0f} MiB (Python allocations only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
