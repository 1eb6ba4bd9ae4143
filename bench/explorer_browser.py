"""Time to first render of each explorer page in headless Chromium.

Usage: PCC_DATA_DIR=<dir with a published sample warehouse> .venv/bin/python bench/explorer_browser.py
Starts `pcc explore` on a free port and opens every page by its URL in a fresh tab load. Time is
from navigation start to the page title being on screen with the script run over, no spinner,
every chart drawn and the page no longer changing (tests/app/browser.py: wait_rendered). The
first load of a page fills the server's caches (cold); the warm figure is the median of three
further loads.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser driver lives with the browser test

from pcc.paths import DataPaths  # noqa: E402
from tests.app import browser  # noqa: E402

WARM_LOADS = 3


def time_to_render(driver, url: str) -> float:
    driver.get(url)
    return browser.wait_rendered(driver) / 1000


def main() -> int:
    if browser.browser_binaries() is None:
        print("chromium and chromedriver are needed: run `make browser-deps`", file=sys.stderr)
        return 1
    data_dir = DataPaths.from_env().root
    with browser.running_explorer(data_dir) as base:
        driver = browser.new_driver()
        try:
            print(f"{'page':<12} {'cold':>7} {'warm':>7}   (seconds to first render)")
            for page, path in browser.PAGES.items():
                url = f"{base}/{path}"
                cold = time_to_render(driver, url)
                warm = statistics.median(time_to_render(driver, url) for _ in range(WARM_LOADS))
                print(f"{page:<12} {cold:7.2f} {warm:7.2f}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
