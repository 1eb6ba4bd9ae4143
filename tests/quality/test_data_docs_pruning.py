"""Data Docs keep the latest runs of each suite, so checks do not slow down refresh by refresh."""

from __future__ import annotations

from expectations.gx_runner import prune_runs


def test_only_the_newest_runs_of_each_suite_are_kept(tmp_path):
    stored = tmp_path / "validations"
    runs = ["20261123T090000.000001Z", "20261123T100000.000001Z", "20261124T080000.000001Z"]
    for suite in ("mart_dim_areas", "extract_crime_records"):
        for run in runs:
            folder = stored / suite / "__none__" / run
            folder.mkdir(parents=True)
            (folder / f"frames-{suite}.json").write_text("{}")

    prune_runs(stored, keep=2)

    for suite in ("mart_dim_areas", "extract_crime_records"):
        kept = sorted(p.name for p in (stored / suite / "__none__").iterdir())
        assert kept == runs[1:], f"{suite}: the newest two runs, not {kept}"


def test_pruning_a_store_that_does_not_exist_yet_does_nothing(tmp_path):
    prune_runs(tmp_path / "validations", keep=3)
    assert not (tmp_path / "validations").exists()
