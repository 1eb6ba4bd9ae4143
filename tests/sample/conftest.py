"""The committed sample extracts (data/raw) as DuckDB views, read independently of sample."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SEEDS = ROOT / "dbt_project" / "seeds"

COLUMN_TYPES = {
    "crime": (
        "crime_records/*.csv.gz",
        {
            "crime_id": "VARCHAR", "recorded_date": "DATE", "offence_code": "VARCHAR",
            "district_code": "VARCHAR", "lsoa_code": "VARCHAR", "domestic_abuse": "INTEGER",
            "knife_or_sharp_instrument": "INTEGER", "firearm": "INTEGER", "online": "INTEGER",
            "hate": "INTEGER", "vawg": "INTEGER", "victim_type": "VARCHAR",
            "outcome_code": "INTEGER", "outcome_date": "DATE",
        },
    ),
    "calls": (
        "call_handling.csv.gz",
        {
            "date": "DATE", "channel": "VARCHAR", "calls_offered": "BIGINT",
            "calls_answered": "BIGINT", "answered_within_10s": "BIGINT",
            "answered_10_to_60s": "BIGINT", "answered_over_60s": "BIGINT",
            "calls_abandoned": "BIGINT", "total_answer_seconds": "BIGINT",
        },
    ),
    "s136": (
        "s136_detentions.csv.gz",
        {
            "detention_id": "VARCHAR", "detention_datetime": "TIMESTAMP",
            "district_code": "VARCHAR", "age_band": "VARCHAR", "sex": "VARCHAR",
            "ethnicity_group": "VARCHAR", "first_place_of_safety": "VARCHAR",
            "conveyance": "VARCHAR", "repeat_detention": "INTEGER",
        },
    ),
    "referrals": (
        "victim_referrals.csv.gz",
        {
            "month": "VARCHAR", "service": "VARCHAR", "provider": "VARCHAR",
            "crime_category": "VARCHAR", "referrals_received": "BIGINT", "contacted": "BIGINT",
            "supported": "BIGINT", "reported_to_police_before_support": "BIGINT",
            "empowered_to_report": "BIGINT", "better_able_to_cope": "BIGINT",
        },
    ),
    "satisfaction": (
        "victim_satisfaction.csv.gz",
        {
            "month": "VARCHAR", "survey": "VARCHAR", "question": "VARCHAR",
            "respondents": "BIGINT", "satisfied": "BIGINT",
        },
    ),
}  # fmt: skip


@pytest.fixture(scope="session")
def raw() -> duckdb.DuckDBPyConnection:
    """Views crime, calls, s136, referrals, satisfaction (typed) and the seeds."""
    con = duckdb.connect()
    for view, (pattern, columns) in COLUMN_TYPES.items():
        cols = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
        con.execute(
            f"create table {view} as select * from read_csv('{RAW / pattern}', header = true, "
            f"columns = {{{cols}}}, delim = ',', auto_detect = false)"
        )
    for seed in ("offence_codes", "outcome_types", "districts", "published_figures"):
        con.execute(
            f"create table {seed} as select * from read_csv('{SEEDS / seed}.csv', all_varchar = true)"
        )
    yield con
    con.close()
