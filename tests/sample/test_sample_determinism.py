"""`pcc sample` with the default seed reproduces the committed data/raw byte for byte, within 40 MB."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sample.command import run_sample

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
DEFAULT_SEED = 20250930  # pcc/cli.py: the committed sample uses the default seed


def _digests(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.heavy
def test_regenerating_with_the_default_seed_reproduces_the_committed_files(tmp_path):
    assert run_sample(DEFAULT_SEED, tmp_path) == 0
    committed, regenerated = _digests(RAW), _digests(tmp_path)
    assert sorted(regenerated) == sorted(committed)
    changed = [name for name in committed if committed[name] != regenerated[name]]
    assert not changed, f"files differ from data/raw: {changed[:5]}"


def test_committed_sample_stays_within_40_mb():
    total = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert 0 < total <= 40_000_000, f"data/raw is {total / 1e6:.1f} MB"
