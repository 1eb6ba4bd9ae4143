"""Drive the running explorer in headless Chromium: shared by the browser test and its benchmark.

Uses Debian's chromium and chromium-driver (`make browser-deps`) directly, so Selenium Manager
never tries to download a browser; no sandbox, no background networking.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pcc.paths import PROJECT_ROOT

APP_ENTRY = PROJECT_ROOT / "app" / "streamlit_app.py"


def explorer_pages() -> dict[str, str]:
    """Page file stem -> URL path, read from the app's st.navigation list so a new page is
    tested too. Streamlit serves a page at its file's stem (views/national.py -> /national)
    and the default page at the root."""
    pages = {}
    for stem, options in re.findall(
        r'st\.Page\(\s*"views/(\w+)\.py"([^)]*)\)', APP_ENTRY.read_text()
    ):
        pages[stem] = "" if re.search(r"default\s*=\s*True", options) else stem
    return pages


PAGES = explorer_pages()
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
WINDOW_WIDTH = 1400
WIDTHS = (800, 1400)  # a laptop window beside another, and a desktop screen
MAX_WINDOW_HEIGHT = 12000  # a page taller than this is cut off in its screenshot

# The page is rendered when the script run is over, a title is on screen, no spinner is left and
# every chart has drawn its canvas or svg (vega-embed draws after the element arrives).
_RENDERED_JS = """
const app = document.querySelector('[data-testid="stApp"]');
if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
const main = document.querySelector('[data-testid="stMain"]');
if (!main) return false;
const title = main.querySelector('h1');
if (!title || title.getBoundingClientRect().height === 0) return false;
if (document.querySelector('[data-testid="stSpinner"]')) return false;
for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (!chart.querySelector('canvas, svg.marks')) return false;
}
return true;
"""


_SHAPE_JS = """
const main = document.querySelector('[data-testid="stMain"]');
return [main.querySelectorAll('[data-testid]').length, main.scrollHeight, performance.now()];
"""


# Layout faults a reader sees, measured on the rendered elements:
# - a metric's (or headline tile's) value wrapped onto a second line (taller than 1.5 line-heights) or cut off with
#   an ellipsis (its text wider than its box);
# - a table or chart wider than the main column, or a table whose grid scrolls sideways (some
#   columns hidden until scrolled).
_LAYOUT_JS = """
const block = document.querySelector('[data-testid="stMainBlockContainer"]');
const limit = block.getBoundingClientRect().right + 1;
const problems = [];
const label = (el) => (el.innerText || '').trim().split('\\n')[0].slice(0, 60);
// st.metric values and the Overview's headline tiles (.pcc-value).
for (const value of document.querySelectorAll('[data-testid="stMetricValue"], .pcc-value')) {
    const style = getComputedStyle(value);
    let line = parseFloat(style.lineHeight);
    if (isNaN(line)) line = 1.2 * parseFloat(style.fontSize);
    const height = value.getBoundingClientRect().height;
    if (height > 1.5 * line) problems.push(`metric "${label(value)}" wraps: ${height}px for ${line}px lines`);
    for (const el of [value, ...value.querySelectorAll('*')]) {
        if (el.scrollWidth > el.clientWidth + 1) {
            problems.push(`metric "${label(value)}" cut off: ${el.scrollWidth}px in ${el.clientWidth}px`);
            break;
        }
    }
}
for (const frame of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const box = frame.getBoundingClientRect();
    if (box.right > limit) problems.push(`table "${label(frame)}" overflows the column by ${box.right - limit}px`);
    const grid = frame.querySelector('.dvn-scroller');
    if (grid && grid.scrollWidth > grid.clientWidth + 1)
        problems.push(`table scrolls sideways: ${grid.scrollWidth}px of columns in ${grid.clientWidth}px`);
}
for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const drawn = chart.querySelector('canvas, svg.marks');
    if (drawn && drawn.getBoundingClientRect().right > limit)
        problems.push(`chart overflows the column by ${drawn.getBoundingClientRect().right - limit}px`);
}
return problems;
"""


SCROLLING_TABLE = "table scrolls sideways"


def layout_problems(driver) -> list[str]:
    """Wrapped or cut-off metric values, and tables or charts clipped by the page width."""
    return driver.execute_script(_LAYOUT_JS)


def browser_binaries() -> tuple[str, str] | None:
    """(chromium, chromedriver) paths, or None when either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_explorer(data_dir: Path, timeout: float = 60, *options: str) -> Iterator[str]:
    """`pcc explore` on a free port against data_dir; yields the base URL, stops it on exit.

    `pcc explore` runs Streamlit as its child, so both go in a session of their own and are
    stopped together by process group; stopping only `pcc` would leave the server running.
    """
    port = free_port()
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    # The server's output goes to a temporary file named in any error, never the data dir.
    with tempfile.NamedTemporaryFile(
        "w", prefix=f"pcc-explore-{port}-", suffix=".log", delete=False
    ) as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "pcc", "explore", "--port", str(port), *options],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(server, base, timeout, log.name)
            yield base
        finally:
            _stop_group(server)


def _wait_healthy(server: subprocess.Popen, base: str, timeout: float, log_name: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"pcc explore exited with {server.returncode}; see {log_name}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"pcc explore did not answer within {timeout:.0f} s; see {log_name}")
        time.sleep(0.3)


def _stop_group(server: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            server.poll()  # reap `pcc` itself, or its zombie would keep the group alive
            try:
                os.killpg(server.pid, 0)  # anyone left in the group?
            except ProcessLookupError:
                server.wait()
                return
            time.sleep(0.2)


def new_driver(height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binaries = browser_binaries()
    if binaries is None:
        raise RuntimeError("chromium and chromedriver are needed: run `make browser-deps`")
    chromium, chromedriver = binaries
    os.environ.setdefault("SE_AVOID_STATS", "true")  # Selenium Manager: no usage pings
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={WINDOW_WIDTH},{height}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(chromedriver))


def wait_rendered(driver, timeout: float = 90, poll: float = 0.05, settle: float = 0.4) -> float:
    """Wait until the page has rendered and stopped changing; returns the ms from navigation
    start (performance.now) at which it first looked as it does now.

    Elements and charts still arrive for a moment after the script run ends, so the page must
    also keep the same shape (element count and height) for `settle` seconds.
    """
    deadline = time.monotonic() + timeout
    shape, since, rendered_at = None, 0.0, 0.0
    while time.monotonic() < deadline:
        now = driver.execute_script(_SHAPE_JS) if driver.execute_script(_RENDERED_JS) else None
        if now is None or now[:2] != (shape or [None, None])[:2]:
            shape, since = now, time.monotonic()
            rendered_at = now[2] if now else 0.0
        elif time.monotonic() - since >= settle:
            return rendered_at
        time.sleep(poll)
    raise TimeoutError(f"{driver.current_url} did not render within {timeout:.0f} s")


def page_problems(driver) -> list[str]:
    """Streamlit exception boxes and Python error text anywhere on the page."""
    problems = [
        element.text.strip() or "(empty exception box)"
        for element in driver.find_elements("css selector", '[data-testid="stException"]')
    ]
    text = driver.execute_script("return document.body.innerText")
    for marker in ("Traceback (most recent call last)", "StreamlitAPIException", "Error: "):
        if marker in text:
            at = text.index(marker)
            problems.append(text[max(0, at - 200) : at + 300])
    return problems


def full_page_screenshot(driver, path: Path, width: int = WINDOW_WIDTH) -> None:
    """Grow the window to the page's height (Streamlit scrolls inside stMain), then capture."""
    height = driver.execute_script(
        "const block = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        "const main = document.querySelector('[data-testid=\"stMain\"]');"
        "return Math.max(block ? block.scrollHeight + block.offsetTop : 0,"
        " main ? main.scrollHeight : 0, window.innerHeight);"
    )
    driver.set_window_size(width, min(int(height) + 40, MAX_WINDOW_HEIGHT))
    time.sleep(0.5)  # let width-stretched charts re-lay out at the new size
    wait_rendered(driver)
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
