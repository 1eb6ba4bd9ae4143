"""The SPC chart of the same data is the same in every build, to the last bit.

DuckDB adds up doubles in parallel in no fixed order. A centre line one bit apart moves a point
exactly on it to one side, which starts or breaks a run: the incremental-equals-full test once
failed in CI on 12 points of one series. The trend models take their means through the
exact_mean macro; this test runs their compiled SQL again on many threads and wants the
published rows back exactly, with no rounding.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

TREND_MODELS = ("int_trend__spc_limits", "int_trend__spc_phases", "int_trend__spc_points")
COMPILED = "compiled/pcc_warehouse/models/intermediate/trend"


def _compiled_sql(data_dir: Path, model: str) -> str:
    found = sorted((data_dir / "build").rglob(f"{COMPILED}/{model}.sql"))
    assert found, f"no compiled SQL of {model} under {data_dir / 'build'}"
    return found[0].read_text()


@pytest.mark.heavy
def test_spc_models_give_the_same_rows_on_every_run(sample_warehouse, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse / "warehouse.duckdb", warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("set threads = 8")
        differences = []
        for run in range(3):
            for model in TREND_MODELS:
                con.execute(
                    f"create or replace temp table rerun as {_compiled_sql(sample_warehouse, model)}"
                )
                for a, b in (
                    ("rerun", f"intermediate.{model}"),
                    (f"intermediate.{model}", "rerun"),
                ):
                    extra = con.execute(
                        f"select count(*) from (select * from {a} except all select * from {b})"
                    ).fetchone()[0]
                    if extra:
                        differences.append(f"run {run + 1}, {model}: {extra} rows only in {a}")
        assert differences == []
    finally:
        con.close()
