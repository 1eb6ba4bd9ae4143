"""A normal revision moves a published figure: a warning naming the load, never a blocker."""

from __future__ import annotations

import duckdb
import pytest

from tests.quality.conftest import LAST_CRIME_MONTH, read_rows, run_pcc, sha256, write_rows

pytestmark = pytest.mark.heavy


def test_revising_a_crime_month_publishes_with_a_revised_since_publication_warning(
    data_copy, tmp_path
):
    raw = tmp_path / "raw"
    revised = write_rows(raw / "crime_records_2025-09_rev.csv.gz", read_rows(LAST_CRIME_MONTH)[10:])
    before = sha256(data_copy.warehouse)

    result = run_pcc("refresh", "--raw", str(raw), data_dir=data_copy.root)

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

    # A pack for a period the revision does not touch builds without notes; one that reads
    # the revised month says which figures moved.
    for period_end, noted in (("2025-06", False), ("2025-09", True)):
        out = tmp_path / f"pack-{period_end}"
        pack = run_pcc(
            "pack", "--period-end", period_end, "--out", str(out), data_dir=data_copy.root
        )
        assert pack.returncode == 0, pack.stderr[-2000:]
        cover = _cover(out / f"pack-{period_end}.xlsx")
        assert ("Revised since publication" in cover) == noted, (period_end, cover)
        if noted:
            for figure_id, *_ in revised_figures:
                assert f"{figure_id}: revised since publication: published " in cover


def _cover(path) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    return "\n".join(" ".join(str(c) for c in row if c is not None) for row in sheet.values)
