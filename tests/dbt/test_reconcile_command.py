"""`pcc reconcile` exit codes and output, on a published warehouse with a given register."""

from __future__ import annotations

import duckdb
import pytest

from pcc.commands.reconcile import run_reconcile
from pcc.paths import DataPaths


def publish_reconciliation(root, statuses: dict[str, str]) -> None:
    data = DataPaths(root)
    data.root.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(data.warehouse))
    try:
        con.execute("create schema marts")
        con.execute(
            """
            create table marts.fct_reconciliation (
                figure_id varchar, measure_id varchar, statistic varchar, period varchar,
                comparison_period varchar, reconcile varchar, published_value decimal(18, 6),
                published_decimals integer, computed_value decimal(38, 6),
                difference decimal(38, 6), status varchar, explanation varchar
            )
            """
        )
        for figure_id, status in statuses.items():
            con.execute(
                """
                insert into marts.fct_reconciliation values
                (?, 'violence_with_injury', 'pct_change', '2023-04..2024-03', '2019-01..2019-12',
                 'yes', -12.8, 1, -12.9, -0.1, ?, ?)
                """,
                [figure_id, status, f"explanation of {figure_id}"],
            )
    finally:
        con.close()


@pytest.mark.parametrize(
    ("statuses", "exit_code"),
    [
        ({"F1": "match", "F2": "known exception", "F3": "bound met", "F4": "not reconciled"}, 0),
        ({"F1": "match", "F2": "mismatch"}, 1),
        ({"F1": "match", "F2": "bound missed"}, 1),
    ],
)
def test_exit_code_fails_only_on_mismatch_or_missed_bound(
    tmp_path, monkeypatch, capsys, statuses, exit_code
):
    publish_reconciliation(tmp_path, statuses)
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path))
    assert run_reconcile("table") == exit_code
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1].startswith(f"{len(statuses)} figures: ")


def test_table_shows_published_and_computed_at_published_decimals(tmp_path, monkeypatch, capsys):
    publish_reconciliation(tmp_path, {"F015": "known exception"})
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path))
    run_reconcile("table")
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("F015"))
    assert "-12.8" in row and "-12.9" in row and "known exception" in row
    assert "-> explanation of F015" in out
    assert "1 figures: 1 known exception" in out
