"""Helpers for ingest tests: small valid extracts of every source, written from Python (no
committed fixture files), and the landing store's content for before/after comparisons."""

from __future__ import annotations

import calendar
import csv
import gzip
import io
from pathlib import Path

import duckdb

from ingest.contracts import CONTRACTS, reference_values
from ingest.landing import TABLES

ALL_SOURCES = tuple(CONTRACTS)

OFFENCE_CODES = sorted(reference_values("offence_codes"))
DISTRICTS = sorted(reference_values("districts"))
SURVEYS = ("domestic_abuse", "hate_crime", "rape")
QUESTIONS = ("overall_satisfaction", "dignity_and_respect", "treated_fairly")
CATEGORIES = ("all crime", "domestic abuse", "sexual violence", "stalking", "hate crime")


def valid_row(source: str, month: str, i: int) -> dict[str, str]:
    """Row i of a valid extract for one month (YYYY-MM); unique primary key per (month, i)."""
    day = f"{month}-{1 + i % 28:02d}"
    if source == "crime_records":
        solved = i % 3 != 0
        return {
            "crime_id": f"CR-{month}-{i:06d}",
            "recorded_date": day,
            "offence_code": OFFENCE_CODES[i % len(OFFENCE_CODES)],
            "district_code": DISTRICTS[i % len(DISTRICTS)],
            "lsoa_code": "" if i % 4 == 0 else "E01024000",
            "domestic_abuse": "true" if i % 5 == 0 else "false",
            "knife_or_sharp_instrument": "FALSE",
            "firearm": "0",
            "online": "1" if i % 7 == 0 else "0",
            "hate": "false",
            "vawg": "True" if i % 6 == 0 else "false",
            "victim_type": "person",
            "outcome_code": "1" if solved else "",
            "outcome_date": day if solved else "",
        }
    if source == "call_handling":
        return {
            "date": f"{month}-{1 + i // 3:02d}",
            "channel": ("999", "101", "online")[i % 3],
            "calls_offered": "100",
            "calls_answered": "90",
            "answered_within_10s": "60",
            "answered_10_to_60s": "20",
            "answered_over_60s": "10",
            "calls_abandoned": "5",
            "total_answer_seconds": "1200",
        }
    if source == "s136_detentions":
        return {
            "detention_id": f"S136-{month}-{i:04d}",
            "detention_datetime": f"{day}T14:{i % 60:02d}",
            "district_code": DISTRICTS[i % len(DISTRICTS)],
            "age_band": "25-34",
            "sex": "male",
            "ethnicity_group": "white",
            "first_place_of_safety": "health-based place of safety",
            "conveyance": "ambulance",
            "repeat_detention": "false",
        }
    if source == "asb_incidents":
        return {
            "incident_id": f"ASB-{month}-{i:06d}",
            "reported_date": day,
            "district_code": DISTRICTS[i % len(DISTRICTS)],
            "category": ("personal", "nuisance", "environmental")[i % 3],
            "repeat_incident": "1" if i % 4 == 0 else "0",
        }
    if source == "road_casualties":
        return {
            "collision_index": f"{month[:4]}SYN{month[5:]}{i // 2:04d}",
            "casualty_reference": str(1 + i % 2),
            "collision_date": day,
            "district_code": DISTRICTS[i % len(DISTRICTS)],
            "casualty_severity": ("1", "2", "3")[i % 3],
        }
    if source == "victim_referrals":
        return {
            "month": month,
            "service": f"Kent Advocacy and Support Service {i // len(CATEGORIES)}",
            "provider": "Victim Support",
            "crime_category": CATEGORIES[i % len(CATEGORIES)],
            "referrals_received": "40",
            "contacted": "35",
            "supported": "45",  # may exceed referrals: support continues from earlier months
            "reported_to_police_before_support": "20",
            "empowered_to_report": "5",
            "better_able_to_cope": "30",
        }
    if source == "victim_satisfaction":
        return {
            "month": month,
            "survey": SURVEYS[i % 3],
            "question": QUESTIONS[(i // 3) % 3],
            "respondents": "50",
            "satisfied": "40",
        }
    raise KeyError(source)


def valid_rows(
    source: str, months: tuple[str, ...] = ("2024-01",), per_month: int = 3
) -> list[dict]:
    # Complete by construction: a crime month has every district and a calls month every
    # channel of every day, or the completeness checks would (rightly) reject the file.
    if source in ("crime_records", "asb_incidents"):
        per_month = max(per_month, len(DISTRICTS))
    return [valid_row(source, m, i) for m in months for i in range(_rows_in(source, m, per_month))]


def _rows_in(source: str, month: str, per_month: int) -> int:
    if source != "call_handling":
        return per_month
    year, number = map(int, month.split("-"))
    return max(per_month, 3 * calendar.monthrange(year, number)[1])


def to_csv(rows: list[dict], columns: list[str] | None = None, delimiter: str = ",") -> str:
    columns = columns or list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def write_bytes(path: Path, content: bytes, gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(content, mtime=0) if gz else content)
    return path


def write_extract(path: Path, rows: list[dict], columns: list[str] | None = None, gz=False) -> Path:
    return write_bytes(path, to_csv(rows, columns).encode("utf-8"), gz=gz)


def snapshot(data) -> dict[str, list[tuple]]:
    """Every landing table's full content, in a stable order."""
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def manifest(data) -> list[dict]:
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        cursor = con.execute("select * from load_manifest order by load_id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
