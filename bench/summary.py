"""Every target `make bench` measured in this run, met or missed (from $PCC_BENCH_RESULTS)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from common import table, verdict


def main() -> int:
    path = Path(os.environ.get("PCC_BENCH_RESULTS", "target/bench/results.jsonl"))
    if not path.exists():
        print(f"no targets recorded in {path}")
        return 1
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [[e["target"], e["measured"], e["wanted"], verdict(e["met"])] for e in entries]
    print("\nTargets of this run (bench/README.md says what each missed one would take):")
    print(table(["target", "measured", "wanted", ""], rows))
    missed = sum(not e["met"] for e in entries)
    print(f"\n{len(entries) - missed} of {len(entries)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
