"""What the quality gate adds to `pcc refresh` on the sample.

Usage: .venv/bin/python bench/check_time.py
Runs one cold refresh of data/raw into a temporary data dir and prints, from its refresh log:
the time of each step, the share of ingest spent in the extract suites (GX import included),
and the mart-suite check step; then the time of `pcc check` on the published warehouse.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PCC_DATA_DIR": tmp}
        pcc = [sys.executable, "-m", "pcc"]
        subprocess.run(
            [*pcc, "refresh", "--raw", str(ROOT / "data" / "raw")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        steps = json.loads(Path(tmp, "refresh_log.jsonl").read_text().splitlines()[-1])["steps"]
        started = time.perf_counter()
        subprocess.run([*pcc, "check"], cwd=ROOT, env=env, check=True, capture_output=True)
        check_command = time.perf_counter() - started

    by_step = {s["step"]: s for s in steps}
    extract = float(re.search(r"extract suites ([\d.]+) s", by_step["ingest"]["detail"])[1])
    total = sum(s["seconds"] for s in steps)
    gate = extract + by_step["check"]["seconds"]
    print(f"{'cold refresh of the sample':<44} {total:7.1f} s")
    for s in steps:
        print(f"  {s['step']:<42} {s['seconds']:7.1f} s")
    print(f"{'extract suites inside ingest (incl. GX import)':<44} {extract:7.1f} s")
    print(f"{'mart suites (check step, incl. Data Docs)':<44} {by_step['check']['seconds']:7.1f} s")
    print(f"{'time the quality gate adds to the refresh':<44} {gate:7.1f} s ({gate / total:.0%})")
    print(f"{'pcc check on the published warehouse':<44} {check_command:7.1f} s")


if __name__ == "__main__":
    main()
