"""Warm server-side render time per explorer page (AppTest, second run timed).

Usage: PCC_DATA_DIR=<dir with a published sample warehouse> .venv/bin/python bench/explorer_render.py
Target: under 0.5 s per page warm.
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py")
PAGES = ["overview", "national", "crime", "contact", "s136", "victims", "quality", "definitions"]


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for page in PAGES:
        at.switch_page(f"views/{page}.py")
        at.run()
        started = time.perf_counter()
        at.run()
        warm = time.perf_counter() - started
        flag = "" if warm < 0.5 else "  (over 0.5 s target)"
        print(f"{page:<12} warm {warm:.2f} s{flag}")


if __name__ == "__main__":
    main()
