"""The explorer keeps working while `pcc refresh` publishes new warehouses underneath it.

A background loop runs `pcc refresh` five times on a private copy of the sample's data dir (no
raw folder, so each run rebuilds the warehouse from the landing store and swaps it in with
os.replace). Meanwhile every page is reopened again and again: each reload must run without an
exception and still show numbers, and the reloads must straddle at least one publish.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

import pytest
from streamlit.testing.v1 import AppTest

from app import data
from tests.app.test_pages import APP, PAGES

REFRESHES = 5

pytestmark = [pytest.mark.heavy, pytest.mark.slow]


@pytest.fixture
def private_data_dir(sample_warehouse, tmp_path, monkeypatch):
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copytree(sample_warehouse / "landing", copy / "landing")
    shutil.copy2(sample_warehouse / "warehouse.duckdb", copy / "warehouse.duckdb")
    monkeypatch.setenv("PCC_DATA_DIR", str(copy))
    return copy


def refresh_loop(data_dir, results: list) -> None:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    for _ in range(REFRESHES):
        # With no record of a published refresh, refresh cannot take its nothing-new shortcut:
        # each one builds and publishes a new file, as a refresh with new data would.
        (data_dir / "refresh_log.jsonl").unlink(missing_ok=True)
        run = subprocess.run(
            [sys.executable, "-m", "pcc", "refresh"], env=env, capture_output=True, text=True
        )
        results.append((run.returncode, run.stderr[-1500:]))


def shown_text(at: AppTest) -> str:
    """Everything with a figure in it: metrics, markdown (tiles), captions and table cells."""
    parts = [m.value for m in at.metric] + [m.value for m in at.markdown]
    parts += [c.value for c in at.caption]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


def test_pages_reload_without_error_during_five_refreshes(private_data_dir):
    results: list = []
    loop = threading.Thread(target=refresh_loop, args=(private_data_dir, results), daemon=True)
    first_stamp = data.warehouse_stamp()
    loop.start()
    stamps, reloads = {first_stamp}, 0
    while loop.is_alive():
        for page in PAGES:
            at = AppTest.from_file(APP, default_timeout=120)
            at.run()
            at.switch_page(f"views/{page}.py")
            at.run()
            assert not at.exception, (page, [e.value for e in at.exception])
            assert at.title, f"{page}: no title"
            assert any(ch.isdigit() for ch in shown_text(at)), f"{page}: no numbers shown"
            reloads += 1
            stamps.add(data.warehouse_stamp())
    loop.join()

    assert [code for code, _ in results] == [0] * REFRESHES, results
    # Each refresh published a new file, and the reloads ran across those publishes.
    assert len(stamps) >= 3, f"only {len(stamps)} warehouse versions seen in {reloads} reloads"
