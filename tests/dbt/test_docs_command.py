"""`pcc docs` builds the site from a copy and never writes to the published warehouse."""

from __future__ import annotations

import hashlib

import pytest

from pcc.commands.docs import run_docs

pytestmark = pytest.mark.heavy


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_docs_are_generated_from_a_copy(published, capsys):
    before = sha256(published.data.warehouse)
    assert run_docs(serve=False) == 0
    index = published.data.build_dir / "docs" / "index.html"
    assert f"dbt docs: {index}" in capsys.readouterr().out
    assert index.exists()
    assert (published.data.build_dir / "docs" / "catalog.json").exists()
    assert sha256(published.data.warehouse) == before
    # The temporary warehouse copy dbt needed is gone; only the site stays.
    assert not list(published.data.root.rglob("warehouse-docs*"))
    assert not (published.data.build_dir / "docs-work").exists()
