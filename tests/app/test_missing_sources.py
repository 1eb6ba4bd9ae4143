"""A page whose extract the warehouse lacks says which extract to load instead of failing.

A force's warehouse can hold crime records but no call-handling, s.136 or victim extract yet (the
national benchmark builds exactly that). The sample warehouse is copied and the board rows of one
source removed, as if the extract had never been loaded.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP

PAGES = {
    "contact": "call_handling",
    "s136": "s136_detentions",
    "victims": "victim_referrals",
}


@pytest.mark.parametrize("page, extract", PAGES.items())
def test_page_names_the_extract_it_lacks(sample_data_dir, tmp_path, monkeypatch, page, extract):
    data_dir = tmp_path / "data"
    shutil.copytree(sample_data_dir, data_dir, ignore=shutil.ignore_patterns("build", "landing"))
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"))
    try:
        for mart in ("fct_measure_board", "fct_measure_monthly_board"):
            con.execute(
                f"delete from marts.{mart} where measure_id in "
                "(select measure_id from marts.dim_measures where source = ?)",
                [extract],
            )
    finally:
        con.close()
    monkeypatch.setenv("PCC_DATA_DIR", str(data_dir))

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"views/{page}.py")
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(i.value for i in at.info)
    assert f"`{extract}`" in said
    assert "pcc ingest" in said
