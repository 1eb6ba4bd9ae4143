"""An incremental refresh gives exactly the warehouse a full rebuild of the same landing store gives.

The delivery after the published sample has a new month (2025-10) and a revised month (2018-04
with some crimes withdrawn), so the incremental crime models both append and replace, and the
withdrawn crimes' later outcome months change too. (The withdrawn crimes are ones whose
outcome, if any, came before July 2018, the first month of a published figure, so the
reconciliation still passes and the refresh publishes.)
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pcc.build.refresh import refresh
from pcc.paths import PROJECT_ROOT, DataPaths
from tests.dbt.deliveries import SAMPLE_CRIMES, write_month, write_october_2025

# Rebuilt by every refresh whatever the data: when and how, and the quality results of the run.
PER_RUN_TABLES = {
    ("meta", "refresh_info"),
    ("landing", "changed_months"),
    ("marts", "dq_validation_runs"),
    ("marts", "dq_validation_results"),
    ("marts", "dq_source_freshness"),
}


def _next_delivery(raw: Path) -> None:
    """2025-10 (tests/dbt/deliveries.py), and 2018-04 re-sent without every tenth crime that had
    no outcome or an outcome before July 2018 (under the 10% of a month a revision may remove
    without being quarantined)."""
    write_october_2025(raw)
    april = SAMPLE_CRIMES / "crime_records_2018-04.csv.gz"
    write_month(
        raw / "crime_records_2018-04.csv.gz",
        f"""
        select * exclude (line)
        from (
            select *, row_number() over () as line
            from read_csv('{april}', all_varchar = true, header = true)
        )
        where line % 10 <> 0 or coalesce(outcome_date, '') >= '2018-07-01'
        """,
    )


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> set[tuple[str, str]]:
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ?", [database]
    ).fetchall()
    return {(schema, table) for schema, table in rows}


def _comparable_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """Every column; doubles to 9 decimals, because DuckDB's parallel sums of doubles can
    differ in the last bit between any two builds of the same data."""
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = 'inc' and schema_name = ? and table_name = ? order by column_index",
        [schema, table],
    ).fetchall()
    return ", ".join(
        f'round("{name}", 9)' if kind in ("DOUBLE", "FLOAT") else f'"{name}"' for name, kind in rows
    )


def _differences(incremental: Path, full: Path) -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(f"attach '{incremental}' as inc (read_only)")
        con.execute(f"attach '{full}' as ful (read_only)")
        tables = _tables(con, "inc")
        problems = (
            [f"only in one: {sorted(tables ^ _tables(con, 'ful'))}"]
            if (tables != _tables(con, "ful"))
            else []
        )
        for schema, table in sorted(tables - PER_RUN_TABLES):
            columns = _comparable_columns(con, schema, table)
            for a, b in (("inc", "ful"), ("ful", "inc")):
                extra = con.execute(
                    f"select count(*) from (select {columns} from {a}.{schema}.{table} "
                    f"except all select {columns} from {b}.{schema}.{table})"
                ).fetchone()[0]
                if extra:
                    problems.append(f"{schema}.{table}: {extra} rows only in {a}")
        return problems
    finally:
        con.close()


def _refreshed_both_ways(sample_warehouse: Path, tmp_path: Path, raw: Path):
    """The published sample refreshed with `raw` incrementally, then a copy of the result
    rebuilt in full from the same landing store: (incremental run, its data, the full data)."""
    incremental = DataPaths(tmp_path / "incremental")
    shutil.copytree(sample_warehouse, incremental.root, ignore=shutil.ignore_patterns("build"))
    run = refresh(incremental, raw)
    assert run.build_mode == "incremental"
    full = DataPaths(tmp_path / "full")
    shutil.copytree(incremental.root, full.root, ignore=shutil.ignore_patterns("build"))
    assert refresh(full, None, full=True).build_mode == "full"
    return run, incremental, full


@pytest.mark.heavy
@pytest.mark.slow
def test_incremental_refresh_gives_the_same_warehouse_as_a_full_rebuild(sample_warehouse, tmp_path):
    raw = tmp_path / "raw"
    _next_delivery(raw)

    run, incremental, full = _refreshed_both_ways(sample_warehouse, tmp_path, raw)

    build = next(s for s in run.steps if s["step"] == "build")
    assert "2 month(s) of crime_records" in build["detail"]
    assert _differences(incremental.warehouse, full.warehouse) == []
    con = duckdb.connect(str(incremental.warehouse), read_only=True)
    try:
        april, october = con.execute(
            """
            select
                count(*) filter (where recorded_month = date '2018-04-01'),
                count(*) filter (where recorded_month = date '2025-10-01')
            from intermediate.int_crime__crimes_classified
            """
        ).fetchone()
        info = con.execute("select build_mode from meta.refresh_info").fetchone()[0]
    finally:
        con.close()
    delivered = duckdb.sql(
        f"select count(*) from read_csv('{raw}/*.csv.gz', filename = true) group by filename "
        "order by filename"
    ).fetchall()
    assert (april, october) == (delivered[0][0], delivered[1][0])
    assert info == "incremental"
    log = [json.loads(line) for line in incremental.refresh_log.read_text().splitlines()]
    assert log[-1]["build_mode"] == "incremental"


def _revised_recorded_crime_table(raw: Path) -> None:
    """The sample's Home Office recorded crime table re-sent with one Kent count one higher."""
    sample = (
        PROJECT_ROOT / "data" / "raw" / "public" / "prc_pfa_synthetic_2018-19_to_2025-26.csv.gz"
    )
    rows = list(csv.reader(io.StringIO(gzip.decompress(sample.read_bytes()).decode("utf-8-sig"))))
    header = rows[0]
    count = next(
        i for i, name in enumerate(header) if name in ("Number of Offences", "Offence Count")
    )
    kent = next(i for i, row in enumerate(rows) if row[header.index("Force Name")] == "Kent")
    rows[kent][count] = str(int(rows[kent][count]) + 1)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    raw.mkdir(parents=True)
    (raw / "prc_pfa_revised.csv.gz").write_bytes(gzip.compress(out.getvalue().encode()))


def _october_2025_of_other_extracts(raw: Path) -> None:
    """October 2025 of the s.136 and victim referral extracts: September's rows a month on (the
    detentions with new ids), each in a file of its own."""
    sample = PROJECT_ROOT / "data" / "raw"
    write_month(
        raw / "s136_detentions_2025-10.csv.gz",
        f"""
        select * replace (
            'N' || detention_id as detention_id,
            strftime(detention_datetime::timestamp + interval 1 month, '%Y-%m-%dT%H:%M')
                as detention_datetime
        )
        from read_csv('{sample / "s136_detentions.csv.gz"}', all_varchar = true, header = true)
        where detention_datetime like '2025-09-%'
        """,
    )
    write_month(
        raw / "victim_referrals_2025-10.csv.gz",
        f"""
        select * replace ('2025-10' as month)
        from read_csv('{sample / "victim_referrals.csv.gz"}', all_varchar = true, header = true)
        where month = '2025-09'
        """,
    )


def _s136_period_ends(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select max(period_end) from marts.fct_s136_breakdowns "
            "union all select max(period_end) from marts.fct_victim_service_breakdowns"
        ).fetchall()
    finally:
        con.close()


def _kent_open_data_offences(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            """
            select measure_id, window_months, period_end, numerator from marts.fct_measure_board
            where source = 'prc' and area_name = 'Kent' order by all
            """
        ).fetchall()
    finally:
        con.close()


@pytest.mark.heavy
@pytest.mark.slow
def test_a_revised_open_data_table_rebuilds_its_board_rows_as_a_full_rebuild_would(
    sample_warehouse, tmp_path
):
    """A new crime month leaves the open-data board rows as published; a revised recorded crime
    table rebuilds them (landing.changed_months has a row for the table), exactly as in full.
    The same delivery brings a month of the s.136 and victim referral extracts, whose breakdowns
    a crime month leaves as published: they are rebuilt, also as in full."""
    raw = tmp_path / "raw"
    _revised_recorded_crime_table(raw)
    _october_2025_of_other_extracts(raw)

    _, incremental, full = _refreshed_both_ways(sample_warehouse, tmp_path, raw)

    assert _differences(incremental.warehouse, full.warehouse) == []
    before = _kent_open_data_offences(DataPaths(sample_warehouse).warehouse)
    after = _kent_open_data_offences(incremental.warehouse)
    assert len(before) == len(after) > 0
    assert before != after  # the revised count reached the windows that hold its quarter
    assert _s136_period_ends(incremental.warehouse) == [(date(2025, 10, 1),), (date(2025, 10, 1),)]
