"""Deliveries after the committed sample, for the tests that refresh a warehouse a second time."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pcc.paths import PROJECT_ROOT

SAMPLE_CRIMES = PROJECT_ROOT / "data" / "raw" / "crime_records"


def write_month(target: Path, sql: str) -> None:
    """The rows of `sql` as a gzipped crime-records extract."""
    con = duckdb.connect()
    try:
        con.execute(
            f"copy ({sql}) to '{target}' (format csv, header true, nullstr '', compression gzip)"
        )
    finally:
        con.close()


def write_october_2025(raw: Path) -> Path:
    """crime_records_2025-10: September 2025's crimes moved on a month with new references (so
    their outcomes, too, fall in October or later); no earlier month is touched."""
    raw.mkdir(parents=True, exist_ok=True)
    target = raw / "crime_records_2025-10.csv.gz"
    september = SAMPLE_CRIMES / "crime_records_2025-09.csv.gz"
    write_month(
        target,
        f"""
        select * replace (
            'N' || crime_id as crime_id,
            strftime(recorded_date::date + interval 1 month, '%Y-%m-%d') as recorded_date,
            strftime(outcome_date::date + interval 1 month, '%Y-%m-%d') as outcome_date
        )
        from read_csv('{september}', all_varchar = true, header = true)
        """,
    )
    return target
