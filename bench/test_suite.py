"""`make test` timed as a user runs it after the install: lint, then every test but the
heavy ones in TEST_WORKERS pytest-xdist workers (the Makefile owns the command).

Usage: .venv/bin/python bench/test_suite.py [--workers N]
Target: under 8 minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from common import ROOT, machine, record_target

TARGET = 8 * 60.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    command = ["make", "--no-print-directory", "test", f"TEST_WORKERS={args.workers}"]
    print(f"test suite: {' '.join(command)}\nmachine: {machine()}\n", flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:])
    met = result.returncode == 0 and seconds < TARGET
    measured = f"{seconds / 60:.1f} min" + ("" if result.returncode == 0 else " (FAILED)")
    print(record_target("make test (after the install)", measured, "< 8 min", met))
    return 0


if __name__ == "__main__":
    sys.exit(main())
