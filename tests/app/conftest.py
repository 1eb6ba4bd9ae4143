"""One warehouse built from the sample with `pcc refresh`, shared by the explorer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcc.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")


@pytest.fixture(scope="session")
def sample_data_dir(sample_warehouse) -> Path:
    return sample_warehouse


@pytest.fixture
def published(sample_data_dir, monkeypatch) -> Path:
    monkeypatch.setenv("PCC_DATA_DIR", str(sample_data_dir))
    return sample_data_dir
