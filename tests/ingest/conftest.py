"""Fixtures for ingest tests: a temporary PCC_DATA_DIR and a one-file ingest helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from ingest.report import FileResult
from pcc.paths import DataPaths


@pytest.fixture
def data(tmp_path, monkeypatch) -> DataPaths:
    root = tmp_path / "data"
    monkeypatch.setenv("PCC_DATA_DIR", str(root))
    return DataPaths(root)


@pytest.fixture
def ingest_one(data):
    """Ingest one file through the Python API and return its result."""

    def run(path: Path) -> FileResult:
        report = ingest_paths([path], data)
        assert len(report.files) == 1
        return report.files[0]

    return run


@pytest.fixture
def files(tmp_path) -> Path:
    folder = tmp_path / "extracts"
    folder.mkdir()
    return folder
