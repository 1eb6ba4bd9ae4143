"""Every explorer page renders in a real browser (headless Chromium) without an error.

Starts `pcc explore` on the sample warehouse, opens each page by its URL at 800 px (a laptop
window beside another) and 1400 px wide, waits for the script run to end and the charts to
draw, fails on any Streamlit exception box or Python error text and on layout faults measured
on the elements (a metric's number wrapped or cut off, a table or chart clipped by the page),
and saves a full-page screenshot to test-output/screenshots/<page>-<width>.png for a person
to look at.
"""

from __future__ import annotations

import os

import pytest

from tests.app import browser

pytestmark = [pytest.mark.heavy, pytest.mark.slow, pytest.mark.browser]

MAY_HAVE_NO_DATA = {"comparison"}
# The data-quality page's check logs (a row per check, a dozen columns of record) are read by
# scrolling sideways; every other table must show all its columns.
SCROLLING_LOGS = {"quality"}


@pytest.fixture(scope="module")
def driver():
    if browser.browser_binaries() is None:
        reason = "chromium and chromedriver not installed (run `make browser-deps`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser test")
        pytest.skip(reason)
    chrome = browser.new_driver()
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module")
def explorer_url(sample_warehouse):
    with browser.running_explorer(sample_warehouse) as url:
        yield url


@pytest.mark.parametrize("width", browser.WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("page", list(browser.PAGES))
def test_page_renders_in_chromium(driver, explorer_url, page, width):
    driver.set_window_size(width, 1000)
    driver.get(f"{explorer_url}/{browser.PAGES[page]}")
    browser.wait_rendered(driver)
    assert browser.page_problems(driver) == []
    # Viewer mode: no Deploy button and no developer menu for the board's audience.
    assert driver.find_elements("css selector", '[data-testid="stAppDeployButton"]') == []
    # Each page answers its question with numbers: a page of headings alone has failed quietly.
    # The force comparison needs public data the sample may not have; it must still render.
    if page not in MAY_HAVE_NO_DATA:
        main_text = driver.find_element("css selector", '[data-testid="stMain"]').text
        assert any(ch.isdigit() for ch in main_text), "no numbers on the page"
    assert layout_problems(driver, page) == []
    browser.full_page_screenshot(driver, browser.SCREENSHOTS / f"{page}-{width}.png", width)
    assert browser.page_problems(driver) == []
    assert layout_problems(driver, page) == []


def layout_problems(driver, page: str) -> list[str]:
    problems = browser.layout_problems(driver)
    if page in SCROLLING_LOGS:
        return [p for p in problems if not p.startswith(browser.SCROLLING_TABLE)]
    return problems
