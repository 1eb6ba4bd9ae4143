"""The crime tables' uniqueness test sees every row in a full build and the changed months on in
an incremental one (dbt_project/macros/incremental.sql), so one new month does not test 45
million crimes again, and a full build still tests all of them.

The test's compiled SQL from the sample's full build is run against a copy of its warehouse with
a crime repeated: in an old month (found while every month counts as changed, as in a full build,
and not once only the latest month has changed) and in the latest month (found either way).
"""

from __future__ import annotations

import shutil

import duckdb

TEST = "unique_stg_landing__crime_records_crime_id"


def _compiled_test(data_dir) -> str:
    found = sorted((data_dir / "build").rglob(f"run/**/{TEST}*.sql"))
    assert found, f"no compiled {TEST} under {data_dir / 'build'}"
    return found[0].read_text()


def _failures(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def _repeat_a_crime(con, month) -> None:
    con.execute(
        "insert into landing.crime_records select * from landing.crime_records "
        "where date_trunc('month', recorded_date) = ? limit 1",
        [month],
    )


def test_uniqueness_covers_every_row_in_a_full_build_and_the_changed_months_after(
    sample_warehouse, tmp_path
):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse / "warehouse.duckdb", warehouse)
    sql = _compiled_test(sample_warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        first, latest = con.execute(
            "select min(date_trunc('month', recorded_date)), max(date_trunc('month', recorded_date))"
            " from landing.crime_records"
        ).fetchone()
        assert _failures(con, sql) == 0

        # A crime of the first month repeated: a full build (every month changed) finds it.
        _repeat_a_crime(con, first)
        assert _failures(con, sql) == 1

        # An incremental build of the latest month only tests that month on: not found there.
        con.execute("delete from landing.changed_months where source = 'crime_records'")
        con.execute("insert into landing.changed_months values ('crime_records', ?)", [latest])
        assert _failures(con, sql) == 0

        # A crime of the latest month repeated is found by that incremental build.
        _repeat_a_crime(con, latest)
        assert _failures(con, sql) == 1
    finally:
        con.close()
