"""Hate crime, shoplifting and burglary of a home, recomputed from data/raw with independent SQL.

The definitions are written out here from the Home Office Counting Rules codes and the crime
record flags, not read from the measures seed, and counted straight off the gzipped extracts
(DuckDB read_csv, see conftest.py). The warehouse built from the same files by `pcc refresh`
must agree for the force and every district, for rolling years and quarters, counts and solved
counts alike.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import duckdb
import pytest

FORCE = "E23000032"
SOLVED_OUTCOMES = "(1, 2, 3, 4, 6, 7, 8, 22)"  # measures.csv README: the solved outcome types
DEFINITIONS = {
    "hate_crime": "hate = 1",
    "shoplifting": "offence_code = '46'",
    # Record-level residential burglary codes (the outcome-only legacy codes are not recorded).
    "residential_burglary_home": "offence_code in ('28E', '28F', '28G', '28H', '29A')",
}
WINDOWS = [  # (first month, last month, window_months)
    ("2024-07-01", "2025-06-01", 12),
    ("2023-07-01", "2024-06-01", 12),
    ("2025-04-01", "2025-06-01", 3),
    ("2024-10-01", "2025-09-01", 12),
    ("2019-01-01", "2019-12-01", 12),
]


def raw_counts(raw, measure_id: str, first: str, last: str) -> dict[str, tuple[int, int]]:
    rows = raw.execute(
        f"""
        select district_code, count(*), count(*) filter (where outcome_code in {SOLVED_OUTCOMES})
        from crime
        where {DEFINITIONS[measure_id]}
            and recorded_date >= date '{first}'
            and recorded_date < date '{last}' + interval 1 month
        group by district_code
        """
    ).fetchall()
    counts = {district: (n, solved) for district, n, solved in rows}
    counts[FORCE] = (sum(n for n, _ in counts.values()), sum(s for _, s in counts.values()))
    return counts


@pytest.fixture(scope="module")
def warehouse(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("measure_id", sorted(DEFINITIONS))
@pytest.mark.parametrize(("first", "last", "months"), WINDOWS)
def test_warehouse_matches_independent_sql_on_the_raw_files(
    raw, warehouse, measure_id, first, last, months
):
    expected = raw_counts(raw, measure_id, first, last)
    rows = warehouse.execute(
        """
        select area_code, numerator, solved_crimes
        from marts.fct_measure_windows
        where measure_id = ? and window_months = ? and period_end = ?::date
        """,
        [measure_id, months, last],
    ).fetchall()
    got = {area: (n, solved) for area, n, solved in rows}
    assert expected[FORCE][0] > 0
    assert {area: got.get(area, (0, 0)) for area in expected} == expected
    assert set(got) - set(expected) <= {a for a, (n, _) in got.items() if n == 0}


# The rolling year to 2025-06 (what `pcc measures` lists by default).
NEW_MEASURES = [
    "hate_crime",
    "shoplifting",
    "stalking_harassment",
    "residential_burglary_home",
    "serious_violence",
    "online_crime",
    "online_contacts",
    "calls_101_within_60s_pct",
    "calls_101_months_meeting_standard",
    "asb_incidents",
    "asb_personal",
    "asb_repeat_pct",
    "rural_crime",
    "solved_rate_rural_crime",
    "solved_rate_residential_burglary_home",
    "solved_rate_shoplifting",
    "road_ksi",
    "road_killed",
]


def test_pcc_measures_lists_every_board_measure_with_a_value(sample_warehouse):
    env = {**os.environ, "PCC_DATA_DIR": str(sample_warehouse)}
    done = subprocess.run(
        [sys.executable, "-m", "pcc", "measures", "--period-end", "2025-06", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    values = {(r["measure_id"], r["period_start"]): r["value"] for r in rows if r["area"] == "Kent"}
    for measure_id in NEW_MEASURES:
        assert values.get((measure_id, "2024-07")) not in (None, ""), measure_id
