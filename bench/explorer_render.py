"""Warm server-side render time per explorer page (AppTest, second run timed).

Usage: PCC_DATA_DIR=<dir with a published sample warehouse> .venv/bin/python bench/explorer_render.py
Target: under 0.5 s per page warm. Every page in the app's navigation is measured; the time to
first render in a real browser is bench/explorer_browser.py.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the page list is read the same way as the browser test's

from tests.app.browser import APP_ENTRY, PAGES  # noqa: E402

TARGET = 0.5
RUNS = 3


def main() -> int:
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
    at.run()
    over = []
    for page in PAGES:
        at.switch_page(f"views/{page}.py")
        started = time.perf_counter()
        at.run()
        cold = time.perf_counter() - started
        warm_runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            at.run()
            warm_runs.append(time.perf_counter() - started)
        warm = statistics.median(warm_runs)
        flag = "" if warm < TARGET else f"  (over {TARGET} s target)"
        if warm >= TARGET:
            over.append(page)
        print(f"{page:<12} first {cold:5.2f} s   warm {warm:.2f} s{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
