"""docs/measures.md is what the measures seed says, and the README links to it."""

from __future__ import annotations

import csv

from pcc.paths import PROJECT_ROOT, SEEDS_DIR
from pcc.present.measure_docs import DOC, PRIORITIES, render


def test_measure_list_is_generated_from_the_seed():
    assert DOC.read_text(encoding="utf-8") == render(), "run python -m pcc.present.measure_docs"


def test_every_measure_is_listed_once_under_its_priority():
    text = DOC.read_text(encoding="utf-8")
    with open(SEEDS_DIR / "measures.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        assert row["priority"] in PRIORITIES
        assert text.count(f"| `{row['measure_id']}` |") == 1, row["measure_id"]


def test_readme_links_the_measure_list():
    assert "docs/measures.md" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
