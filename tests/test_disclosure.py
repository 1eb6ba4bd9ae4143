"""Disclosure control as the marts apply it (dbt_project/macros/disclosure.sql): a count of 1 to
threshold-1 is withheld, and a group of cells that adds up to a shown total never has exactly
one withheld cell, so none can be recovered by subtraction."""

from __future__ import annotations

import duckdb
import jinja2
import pytest
import yaml

from pcc.paths import PROJECT_ROOT

THRESHOLD = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"][
    "suppression_threshold"
]


def _withheld_sql() -> str:
    """The macros rendered with plain Jinja (they only read the threshold var)."""
    source = (PROJECT_ROOT / "dbt_project" / "macros" / "disclosure.sql").read_text()
    template = jinja2.Environment().from_string(
        source + "{{ withheld(is_small_count('n'), 'n', 'grp', 'true', 'cell') }}"
    )
    return template.render(var={"suppression_threshold": THRESHOLD}.get)


def withheld_cells(*groups: list[int]) -> list[list[int]]:
    """For each group of counts, the positions the macros withhold."""
    con = duckdb.connect()
    rows = [(g, i, n) for g, counts in enumerate(groups) for i, n in enumerate(counts)]
    con.execute("create table cells (grp integer, cell integer, n integer)")
    con.executemany("insert into cells values (?, ?, ?)", rows)
    flagged = con.execute(f"select grp, cell, {_withheld_sql()} from cells").fetchall()
    return [sorted(c for g, c, w in flagged if g == group and w) for group in range(len(groups))]


@pytest.mark.parametrize(
    ("counts", "withheld"),
    [
        ([10, 20, 30], []),  # nothing small: nothing withheld
        ([3, 10, 6], [0, 2]),  # one small cell: the smallest other cell goes with it
        ([2, 9, 4], [0, 2]),  # two small cells protect each other
        ([3, 0, 0, 8], [0, 1]),  # a 0 is a secondary cell too (a total of 3 would name it)
        ([0, 0, 12], []),  # zeros are not disclosive
    ],
)
def test_small_counts_are_withheld_and_never_alone(counts, withheld):
    assert withheld_cells(counts) == [withheld]


def test_the_threshold_is_the_dbt_var():
    below, at = THRESHOLD - 1, THRESHOLD
    assert withheld_cells([below, 50, 60], [at, 50, 60]) == [[0, 1], []]
