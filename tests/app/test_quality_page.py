"""The Data quality page tells the truth in plain words: its freshness is the freshness check's
(marts.dq_source_freshness), a stale source raises a banner, check names are words, and times
are Europe/London."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pcc.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")

pytestmark = pytest.mark.slow


@pytest.fixture
def quality_page(sample_warehouse, monkeypatch) -> AppTest:
    monkeypatch.setenv("PCC_DATA_DIR", str(sample_warehouse))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/quality.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _freshness(sample_warehouse) -> list[tuple]:
    con = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(
            "select source, status, is_overdue from marts.dq_source_freshness order by source"
        ).fetchall()
    finally:
        con.close()


def test_freshness_agrees_with_the_freshness_check(quality_page, sample_warehouse):
    checked = _freshness(sample_warehouse)
    table = quality_page.dataframe[0].value
    shown = dict(zip(table["Source"], table["Status"], strict=True))
    loaded = {s.replace("_", " ").capitalize(): status for s, status, _ in checked}
    # Every source the check judged is shown with the check's own status; a source it has no
    # rule for (the public 999 data) says so rather than borrowing a status.
    assert {name: shown.get(name) for name in loaded} == loaded
    assert all(
        status == "no freshness rule" for name, status in shown.items() if name not in loaded
    )
    warned = [w.value for w in quality_page.warning if "freshness" in w.value.lower()]
    overdue = [s for s, _, late in checked if late]
    # The sample ends in September 2025, more than any source's expected lag ago: the check
    # warns, and the page says the same instead of "up to date".
    assert overdue and warned
    assert all(status != "up to date" for name, status in shown.items() if name in loaded)


def test_a_stale_source_raises_the_banner(quality_page, sample_warehouse):
    overdue = [s for s, _, late in _freshness(sample_warehouse) if late]
    banner = [e.value for e in quality_page.error if "Stale data" in e.value]
    assert len(banner) == 1
    for source in overdue:
        assert source.replace("_", " ").capitalize() in banner[0]


def test_check_names_are_words_and_times_are_local(quality_page):
    checks = quality_page.dataframe[1].value
    assert not any("expect_" in name for name in checks["Check"])
    assert all(run.endswith(("GMT", "BST")) for run in checks["Run"])
    latest = [c.value for c in quality_page.caption if "Latest check:" in c.value]
    assert len(latest) == 1 and latest[0].endswith(("GMT.", "BST.")), latest
