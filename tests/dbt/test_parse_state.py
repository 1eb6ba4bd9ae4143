"""A build in a new data folder starts from dbt's last parse instead of parsing everything.

Every refresh names its build file the same (build/warehouse-next.duckdb, relative to dbt's
working folder), so the profile, and with it dbt's saved parse state, is the same in every data
folder; pcc.build.dbt_runner offers the last run's state to a folder that has none.
"""

from __future__ import annotations

import pytest

from pcc.build.dbt_runner import dbt_run_dir, parse_cache_file, run_dbt
from pcc.paths import DataPaths


def test_a_new_data_folder_reuses_the_last_parse(sample_warehouse, tmp_path):
    data = DataPaths(tmp_path / "data")
    build_file = data.build_dir / "warehouse-next.duckdb"
    build_file.parent.mkdir(parents=True)
    assert parse_cache_file(build_file, ["parse"]).exists()  # the sample's refresh left it

    run_dbt(["parse"], build_file, data, target_path=tmp_path / "target", echo=lambda line: None)

    log = (dbt_run_dir(build_file, data) / "logs" / "dbt.log").read_text()
    assert "Unable to do partial parsing" not in log
    assert (tmp_path / "target" / "partial_parse.msgpack").exists()


@pytest.mark.heavy  # a full parse of the project: CI runs it
def test_another_file_name_parses_in_full(sample_warehouse, tmp_path):
    """The check above can fail: a build file of another name has no saved parse to start from."""
    data = DataPaths(tmp_path / "data")
    build_file = data.build_dir / f"unshared-{tmp_path.name}.duckdb"
    build_file.parent.mkdir(parents=True)
    try:
        run_dbt(
            ["parse"], build_file, data, target_path=tmp_path / "target", echo=lambda line: None
        )
        log = (dbt_run_dir(build_file, data) / "logs" / "dbt.log").read_text()
        assert "Unable to do partial parsing" in log
    finally:
        parse_cache_file(build_file, ["parse"]).unlink(missing_ok=True)
