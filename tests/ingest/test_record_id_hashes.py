"""The landing store's record id hashes, behind the "no id is already loaded" extract check.

The check looks an incoming file's ids up among hashes of the loaded ids (ingest.landing,
RECORD_ID_HASHES), so the hashes must follow every load and revision exactly, and a store whose
hashes another DuckDB version computed must not trust them.
"""

from __future__ import annotations

import duckdb

from expectations.rules_extracts import PROFILES
from ingest.landing import RECORD_ID_HASHES, RECORD_IDS, LandingStore
from ingest.pipeline import ingest_paths
from tests.ingest.extract_factory import valid_rows, write_extract


def _hashes(data) -> tuple[list[tuple], list[tuple]]:
    """(the stored hashes, the hashes of the landed rows), each sorted."""
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        stored = con.execute(f"select * from {RECORD_ID_HASHES} order by all").fetchall()
        landed = con.execute(
            "select 'crime_records', date_trunc('month', recorded_date)::date, hash(crime_id) "
            "from crime_records order by all"
        ).fetchall()
    return stored, landed


def test_hashes_follow_loads_and_revisions(files, data):
    months = valid_rows("crime_records", ("2024-01", "2024-02"), per_month=20)
    ingest_paths([write_extract(files / "jan_feb.csv", months)], data)
    stored, landed = _hashes(data)
    assert len(stored) == 40 and stored == landed

    # February re-sent with one crime fewer (5% of the month: a revision, not a quarantine).
    february = [r for r in months if r["recorded_date"].startswith("2024-02")][1:]
    report = ingest_paths([write_extract(files / "feb_revised.csv", february)], data)
    assert report.files[0].action == "superseded"
    stored, landed = _hashes(data)
    assert len(stored) == 39 and stored == landed


def test_hashes_of_another_duckdb_version_are_recomputed(files, data):
    january = valid_rows("crime_records", ("2024-01",), per_month=20)
    ingest_paths([write_extract(files / "jan.csv", january)], data)
    with duckdb.connect(str(data.landing_db)) as con:
        con.execute(f"update {RECORD_ID_HASHES}_version set duckdb = 'v0.0.0'")
        con.execute(f"update {RECORD_ID_HASHES} set id_hash = id_hash + 1")  # another hash()

    with LandingStore(data):  # opening the store refills them
        pass
    stored, landed = _hashes(data)
    assert stored == landed

    # And the check sees January's ids again: February repeating one is rejected.
    february = valid_rows("crime_records", ("2024-02",), per_month=20)
    february[3]["crime_id"] = january[0]["crime_id"]
    report = ingest_paths([write_extract(files / "feb.csv", february)], data)
    assert report.files[0].action == "rejected"
    assert "uniqueness" in report.files[0].violation.reason


def test_every_source_the_check_covers_is_hashed():
    """The extract suites check ids of these sources; the store hashes exactly those ids."""
    checked = {p.source: p.record_id for p in PROFILES.values() if p.record_id}
    assert checked == RECORD_IDS
