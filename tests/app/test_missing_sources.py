"""A page whose extract the warehouse lacks says which extract to load instead of failing.

A force's warehouse can hold crime records but no call-handling, s.136 or victim extract yet (the
national benchmark builds exactly that). The sample warehouse is copied and the board rows of one
source removed, as if the extract had never been loaded.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.app.conftest import open_page

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

    at = open_page(page)
    said = " ".join(i.value for i in at.info)
    assert f"`{extract}`" in said
    assert "pcc ingest" in said


def test_comparison_page_says_what_to_load_without_police_recorded_crime_data(
    sample_data_dir, tmp_path, monkeypatch
):
    """As if no police recorded crime table had been loaded: the 999 ranking stays, the
    recorded crime part names the publication to load."""
    data_dir = tmp_path / "data"
    shutil.copytree(sample_data_dir, data_dir, ignore=shutil.ignore_patterns("build", "landing"))
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"))
    try:
        con.execute("delete from marts.fct_force_comparison")
        con.execute("delete from marts.fct_force_ranking where value_unit = 'rate_per_1000'")
    finally:
        con.close()
    monkeypatch.setenv("PCC_DATA_DIR", str(data_dir))

    at = open_page("comparison")
    assert len(at.dataframe[0].value) == 43  # the 999 ranking
    said = " ".join(i.value for i in at.info)
    assert "No police recorded crime open data is loaded" in said and "pcc ingest" in said
