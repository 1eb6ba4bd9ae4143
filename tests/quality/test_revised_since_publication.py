"""A normal revision moves a published figure: a warning naming the load, never a blocker."""

from __future__ import annotations

import duckdb

from tests.quality.conftest import LAST_CRIME_MONTH, read_rows, run_pcc, sha256, write_rows


def test_revising_a_crime_month_publishes_with_a_revised_since_publication_warning(
    data_copy, tmp_path
):
    raw = tmp_path / "raw"
    revised = write_rows(raw / "crime_records_2025-09_rev.csv.gz", read_rows(LAST_CRIME_MONTH)[10:])
    before = sha256(data_copy.warehouse)

    result = run_pcc("refresh", "--data-dir", str(raw), data_dir=data_copy.root)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "warning: " in result.stderr and "revision check failed" in result.stderr
    assert sha256(data_copy.warehouse) != before
    with duckdb.connect(str(data_copy.warehouse), read_only=True) as con:
        revised_figures = con.execute(
            """
            select figure_id, difference, revised_by_file, explanation
            from marts.fct_reconciliation where status = 'revised since publication'
            """
        ).fetchall()
        others = con.execute(
            "select count(*) from marts.fct_reconciliation where status in ('mismatch', "
            "'bound missed')"
        ).fetchone()[0]
    assert revised_figures and others == 0
    for _, difference, file_name, explanation in revised_figures:
        assert difference != 0 and file_name == revised.name
        assert explanation.startswith("revised since publication: published ")
        assert "revised by load " in explanation and revised.name in explanation

    # A pack for a period the revision does not touch still builds.
    pack = run_pcc(
        "pack", "--period-end", "2025-06", "--out", str(tmp_path / "pack"), data_dir=data_copy.root
    )
    assert pack.returncode == 0, pack.stderr[-2000:]
