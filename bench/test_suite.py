"""`make test`'s pytest run timed: the suite without the heavy tests, in parallel workers.

Usage: .venv/bin/python bench/test_suite.py [--workers N]
Target: under 8 minutes (the install and lint not included; the Makefile runs the same command).
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
    command = [sys.executable, "-m", "pytest", "-q", "-n", str(args.workers), "--dist", "loadfile"]
    command += ["-m", "not heavy", "-p", "no:cacheprovider"]
    print(f"test suite: {' '.join(command[2:])}\nmachine: {machine()}\n", flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:])
    met = result.returncode == 0 and seconds < TARGET
    measured = f"{seconds / 60:.1f} min" + ("" if result.returncode == 0 else " (tests FAILED)")
    print(record_target("make test's pytest run (without heavy tests)", measured, "< 8 min", met))
    return 0


if __name__ == "__main__":
    sys.exit(main())
