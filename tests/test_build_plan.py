"""Full or incremental: a refresh builds incrementally only on a warehouse built by the same code."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import yaml

from pcc.build.build_plan import (
    FINGERPRINT_PATHS,
    choose_mode,
    code_fingerprint,
    downstream_selectors,
)
from pcc.paths import PROJECT_ROOT, DataPaths


def _copy_project(root: Path) -> Path:
    for entry in FINGERPRINT_PATHS:
        source = PROJECT_ROOT / entry
        target = root / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    return root


def _publish_with_fingerprint(data: DataPaths, fingerprint: str | None) -> None:
    data.root.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(data.warehouse))
    try:
        con.execute("create schema meta")
        column = "build_fingerprint varchar" if fingerprint else "steps_json varchar"
        con.execute(f"create table meta.refresh_info ({column})")
        con.execute("insert into meta.refresh_info values (?)", [fingerprint or "[]"])
    finally:
        con.close()


def test_fingerprint_changes_with_a_model_or_seed_but_not_with_other_files(tmp_path):
    root = _copy_project(tmp_path / "project")
    before = code_fingerprint(root)
    (root / "README.md").write_text("not part of the build\n")
    assert code_fingerprint(root) == before

    seed = root / "dbt_project" / "seeds" / "offence_codes.csv"
    seed.write_text(seed.read_text() + "\n")
    after_seed = code_fingerprint(root)
    assert after_seed != before

    model = root / "models" / "marts" / "fct_crime_monthly.sql"
    model.write_text(model.read_text() + "\n-- edited\n")
    assert code_fingerprint(root) not in (before, after_seed)


def test_incremental_only_on_a_warehouse_built_by_the_same_code(tmp_path):
    data = DataPaths(tmp_path / "data")
    assert not choose_mode(data, "abc", full_requested=False).incremental  # nothing published

    _publish_with_fingerprint(data, None)
    mode = choose_mode(data, "abc", full_requested=False)
    assert not mode.incremental and "no build fingerprint" in mode.reason

    data.warehouse.unlink()
    _publish_with_fingerprint(data, "abc")
    assert choose_mode(data, "abc", full_requested=False).incremental
    changed = choose_mode(data, "def", full_requested=False)
    assert not changed.incremental and "changed" in changed.reason
    assert not choose_mode(data, "abc", full_requested=True).incremental


def test_every_landing_table_dbt_reads_has_a_downstream_selector():
    declared = set()
    for sources_file in (PROJECT_ROOT / "models" / "staging").glob("*/_*__sources.yml"):
        for source in yaml.safe_load(sources_file.read_text())["sources"]:
            declared |= {(source["name"], table["name"]) for table in source["tables"]}
    # changed_months is written by the refresh itself, never "changed" by a load.
    declared.discard(("landing", "changed_months"))
    selectors = downstream_selectors(tuple(table for _, table in declared))
    assert sorted(selectors) == sorted(f"source:{s}.{t}+" for s, t in declared)
