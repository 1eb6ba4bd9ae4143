"""How long `pcc pack` takes on the sample warehouse (target: under 30 s).

Usage: PCC_DATA_DIR=<dir with a published sample warehouse> .venv/bin/python bench/pack_time.py
       [--period-end 2025-06] [--runs 3]
Builds the warehouse first with `pcc refresh` if PCC_DATA_DIR has none.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--period-end", default="2025-06")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(os.environ.get("PCC_DATA_DIR") or tempfile.mkdtemp(prefix="pack-bench-"))
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    if not (data_dir / "warehouse.duckdb").exists():
        print(f"building the sample warehouse in {data_dir} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pcc", "refresh", "--raw", str(ROOT / "data" / "raw")],
            env=env,
            check=True,
            capture_output=True,
        )
    timings = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pcc",
                    "pack",
                    "--period-end",
                    args.period_end,
                    "--out",
                    out,
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            timings.append(time.perf_counter() - start)
    timings.sort()
    print(
        f"pcc pack --period-end {args.period_end}: median {timings[len(timings) // 2]:.1f} s, "
        f"best {timings[0]:.1f} s over {args.runs} runs (target < 30 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
