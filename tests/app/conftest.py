"""One warehouse built from the sample with `pcc refresh`, shared by the explorer tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pcc.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")


def open_page(page: str) -> AppTest:
    """The explorer opened on views/<page>.py, run without an exception."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="session")
def sample_data_dir(sample_warehouse) -> Path:
    return sample_warehouse


@pytest.fixture
def published(sample_data_dir, monkeypatch) -> Path:
    monkeypatch.setenv("PCC_DATA_DIR", str(sample_data_dir))
    return sample_data_dir
