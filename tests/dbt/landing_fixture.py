"""A small synthetic landing schema for building the dbt project in tests (not real data).

Tables are created by ingest.landing.create_tables, exactly as refresh creates them in a
build file (schema `landing`), so the dbt project is exercised against the real interface. The rows are
kept in Python too, so tests compute expected values independently of the SQL.

Coverage differs by source on purpose, to exercise "no partial windows":
crime and calls 2018-04..2021-12, s136 2018-04..2021-09, referrals 2018-07..2021-12,
satisfaction 2019-04..2021-12, ASB incidents and road casualties
2018-04..2021-12.

Run as a script to write a landing-only warehouse file for development:
    python tests/dbt/landing_fixture.py /tmp/dev.duckdb
"""

from __future__ import annotations

import random
import sys
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.contracts import CONTRACTS
from ingest.landing import CHANGED_MONTHS, create_tables

FIRST_MONTH = date(2018, 4, 1)
LAST_MONTH = date(2021, 12, 1)
S136_LAST_MONTH = date(2021, 9, 1)
REFERRALS_FIRST_MONTH = date(2018, 7, 1)
SATISFACTION_FIRST_MONTH = date(2019, 4, 1)

DISTRICTS = ("E07000105", "E07000112", "E06000035", "E07000116")
# Offence codes with what they exercise: homicide codes, violence with injury, robbery, theft
# from the person, vehicle, residential burglary, drugs, rape, and excluded groups (public order,
# weapons, miscellaneous) so victim-based crime differs from all crime.
OFFENCE_CODES = (
    "1", "4.10", "8N", "5D", "34A", "34B", "39", "45", "48", "28E", "29A", "92A", "92E",
    "19C", "9A", "10D", "99", "46", "58A", "105A",
)  # fmt: skip
FLAGS = ("domestic_abuse", "knife_or_sharp_instrument", "firearm", "online", "hate", "vawg")
VICTIM_TYPES = ("person", "organisation", "none")
SOLVED_OUTCOMES = frozenset({1, 2, 3, 4, 6, 7, 8, 22})
CHANNELS = ("999", "101", "online")
SERVICES = (
    ("Kent Advocacy and Support Service", "Victim Support"),
    ("Domestic Abuse Service", "Oasis"),
)
REFERRAL_CATEGORIES = ("all crime", "domestic abuse", "sexual violence")
SURVEYS = ("domestic_abuse", "hate_crime", "rape")
QUESTIONS = ("overall_satisfaction", "dignity_and_respect", "treated_fairly")
# Months in which 999 calls miss the 90% within-10s standard (drives the streak measure).
MONTHS_MISSING_999_STANDARD = frozenset({date(2018, 6, 1), date(2019, 11, 1), date(2021, 2, 1)})


def months(first: date, last: date) -> list[date]:
    out, m = [], first
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class Landing:
    """The rows written, per source, as dicts keyed by contract column name."""

    rows: dict[str, list[dict]] = field(default_factory=dict)


def _crime_rows(rng: random.Random) -> list[dict]:
    rows = []
    n = 0
    for month in months(FIRST_MONTH, LAST_MONTH):
        days = monthrange(month.year, month.month)[1]
        for _ in range(rng.randint(25, 45)):
            n += 1
            recorded = month + timedelta(days=rng.randrange(days))
            outcome_code = rng.randint(1, 22) if rng.random() < 0.6 else None
            outcome_date = None
            if outcome_code is not None:
                outcome_date = min(
                    recorded + timedelta(days=rng.randint(0, 150)), date(2021, 12, 31)
                )
            flags = {f: rng.random() < 0.15 for f in FLAGS}
            rows.append(
                {
                    "crime_id": f"SYN-C{n:06d}",
                    "recorded_date": recorded,
                    "offence_code": rng.choice(OFFENCE_CODES),
                    "district_code": rng.choice(DISTRICTS),
                    "lsoa_code": None,
                    **flags,
                    "victim_type": rng.choice(VICTIM_TYPES),
                    "outcome_code": outcome_code,
                    "outcome_date": outcome_date,
                }
            )
    return rows


def _call_rows(rng: random.Random) -> list[dict]:
    rows = []
    for month in months(FIRST_MONTH, LAST_MONTH):
        for day in range(monthrange(month.year, month.month)[1]):
            for channel in CHANNELS:
                answered = rng.randint(20, 60)
                if channel == "999":
                    share = 0.8 if month in MONTHS_MISSING_999_STANDARD else 0.97
                    within = round(answered * share)
                else:
                    within = rng.randint(0, answered)
                mid = rng.randint(0, answered - within)
                rows.append(
                    {
                        "date": month + timedelta(days=day),
                        "channel": channel,
                        "calls_offered": answered + rng.randint(0, 5) + 3,
                        "calls_answered": answered,
                        "answered_within_10s": within,
                        "answered_10_to_60s": mid,
                        "answered_over_60s": answered - within - mid,
                        "calls_abandoned": rng.randint(0, 3),
                        "total_answer_seconds": answered * rng.randint(2, 90),
                    }
                )
    return rows


def _s136_rows(rng: random.Random) -> list[dict]:
    contract = CONTRACTS["s136_detentions"]
    choices = {c.name: c.allowed for c in contract.columns if isinstance(c.allowed, tuple)}
    rows, n = [], 0
    for month in months(FIRST_MONTH, S136_LAST_MONTH):
        days = monthrange(month.year, month.month)[1]
        for _ in range(rng.randint(3, 9)):
            n += 1
            rows.append(
                {
                    "detention_id": f"SYN-S{n:05d}",
                    "detention_datetime": datetime(month.year, month.month, 1)
                    + timedelta(days=rng.randrange(days), minutes=rng.randrange(1440)),
                    "district_code": rng.choice(DISTRICTS),
                    **{name: rng.choice(values) for name, values in choices.items()},
                    "repeat_detention": rng.random() < 0.2,
                }
            )
    return rows


def _referral_rows(rng: random.Random) -> list[dict]:
    rows = []
    for month in months(REFERRALS_FIRST_MONTH, LAST_MONTH):
        for service, provider in SERVICES:
            for category in REFERRAL_CATEGORIES:
                referrals = rng.randint(5, 80)
                supported = rng.randint(0, referrals + 10)
                rows.append(
                    {
                        "month": month,
                        "service": service,
                        "provider": provider,
                        "crime_category": category,
                        "referrals_received": referrals,
                        "contacted": rng.randint(0, referrals),
                        "supported": supported,
                        "reported_to_police_before_support": rng.randint(0, supported),
                        "empowered_to_report": rng.randint(0, 5),
                        "better_able_to_cope": rng.randint(0, supported),
                    }
                )
    return rows


def _satisfaction_rows(rng: random.Random) -> list[dict]:
    rows = []
    for month in months(SATISFACTION_FIRST_MONTH, LAST_MONTH):
        for survey in SURVEYS:
            for question in QUESTIONS:
                respondents = rng.randint(1, 40)
                rows.append(
                    {
                        "month": month,
                        "survey": survey,
                        "question": question,
                        "respondents": respondents,
                        "satisfied": rng.randint(0, respondents),
                    }
                )
    return rows


def _asb_rows(rng: random.Random) -> list[dict]:
    rows, n = [], 0
    for month in months(FIRST_MONTH, LAST_MONTH):
        days = monthrange(month.year, month.month)[1]
        for _ in range(rng.randint(5, 15)):
            n += 1
            rows.append(
                {
                    "incident_id": f"SYN-A{n:05d}",
                    "reported_date": month + timedelta(days=rng.randrange(days)),
                    "district_code": rng.choice(DISTRICTS),
                    "category": rng.choice(("personal", "nuisance", "environmental")),
                    "repeat_incident": rng.random() < 0.25,
                }
            )
    return rows


def _road_rows(rng: random.Random) -> list[dict]:
    rows = []
    for m, month in enumerate(months(FIRST_MONTH, LAST_MONTH)):
        days = monthrange(month.year, month.month)[1]
        for k in range(rng.randint(2, 6)):
            for casualty in range(1, rng.randint(1, 3) + 1):
                rows.append(
                    {
                        "collision_index": f"SYN{m:03d}{k:02d}",
                        "casualty_reference": casualty,
                        "collision_date": month + timedelta(days=rng.randrange(days)),
                        "district_code": rng.choice(DISTRICTS),
                        "casualty_severity": rng.choice((1, 2, 3, 3, 3)),
                    }
                )
    return rows


def generate(seed: int = 7) -> Landing:
    rng = random.Random(seed)
    return Landing(
        rows={
            "crime_records": _crime_rows(rng),
            "call_handling": _call_rows(rng),
            "s136_detentions": _s136_rows(rng),
            "victim_referrals": _referral_rows(rng),
            "victim_satisfaction": _satisfaction_rows(rng),
            "asb_incidents": _asb_rows(rng),
            "road_casualties": _road_rows(rng),
        }
    )


_ARROW_TYPES = {
    "string": pa.string(),
    "date": pa.date32(),
    "datetime": pa.timestamp("us"),
    "month": pa.date32(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
}


def _month_of(row: dict, column: str) -> date:
    value = row[column]
    return date(value.year, value.month, 1)


def write_landing(con: duckdb.DuckDBPyConnection, landing: Landing) -> None:
    """Schema `landing` exactly as refresh creates it (ingest.landing.create_tables), filled."""
    con.execute("create schema if not exists landing")
    create_tables(con, "landing")
    for load_id, (source, contract) in enumerate(CONTRACTS.items(), start=1):
        rows = landing.rows[source]
        sha = f"{load_id:064x}"
        data = {
            c.name: pa.array([r[c.name] for r in rows], type=_ARROW_TYPES[c.type])
            for c in contract.columns
        }
        data["_file_sha256"] = pa.array([sha] * len(rows), type=pa.string())
        data["_line_number"] = pa.array(range(2, len(rows) + 2), type=pa.int64())
        con.register("landing_rows", pa.table(data))
        con.execute(f"insert into landing.{source} by name select * from landing_rows")
        con.unregister("landing_rows")
        covered = sorted({_month_of(r, contract.month_column) for r in rows})
        con.executemany(
            "insert into landing.month_owner values (?, ?, ?)",
            [(source, month, load_id) for month in covered],
        )
        con.execute(
            """
            insert into landing.load_manifest by name
            select
                ? as load_id, ? as file_name, ? as file_sha256, ? as source, ? as rows,
                ? as months, ? as first_month, ? as last_month, ? as loaded_at,
                'loaded' as action, 0 as superseded_months,
                cast([] as bigint[]) as superseded_load_ids, ? as archive_path
            """,
            [
                load_id,
                f"{source}_synthetic.csv",
                sha,
                source,
                len(rows),
                len(covered),
                covered[0],
                covered[-1],
                datetime(2022, 1, 10, 9, 0),
                f"files/{sha}.csv",
            ],
        )
    # As ingest.landing.copy_landing_into: a full build counts every loaded month as changed.
    con.execute(
        f"create or replace table landing.{CHANGED_MONTHS} as "
        "select source, month from landing.month_owner"
    )


def write_landing_file(path: Path, landing: Landing | None = None) -> Landing:
    landing = landing or generate()
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        write_landing(con, landing)
        con.execute("checkpoint")
    finally:
        con.close()
    return landing


if __name__ == "__main__":
    write_landing_file(Path(sys.argv[1]))
