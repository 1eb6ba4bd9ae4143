"""Reference data the generator reads from the dbt seeds (never hand-copied into code)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ingest.paths import SEEDS_DIR


@dataclass(frozen=True)
class District:
    code: str
    name: str
    population: int
    lsoa_count: int


def _rows(name: str) -> list[dict[str, str]]:
    with open(SEEDS_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def districts() -> tuple[District, ...]:
    return tuple(
        District(
            r["district_code"],
            r["district_name"],
            int(r["population_2011_census"]),
            int(r["lsoa_count_2011"]),
        )
        for r in _rows("districts.csv")
    )


@cache
def offence_groups() -> dict[str, str]:
    """offence_group of every record-level offence code."""
    return {
        r["offence_code"]: r["offence_group"]
        for r in _rows("offence_codes.csv")
        if r["record_level"] == "true"
    }


@cache
def legacy_codes() -> frozenset[str]:
    """Codes kept only for outcomes of crimes recorded before 2017: never recorded in the sample."""
    return frozenset(
        r["offence_code"]
        for r in _rows("offence_codes.csv")
        if "(outcome only)" in r["offence_description"]
    )


def measure_definition(measure_id: str) -> str:
    return next(r["definition"] for r in _rows("measures.csv") if r["measure_id"] == measure_id)


@cache
def non_victim_based_groups() -> frozenset[str]:
    """Offence groups excluded from victim-based crime, from its definition in measures.csv."""
    listed = re.search(r"offence_group in \(([^)]*)\)", measure_definition("victim_based_crime"))
    if not listed:
        raise ValueError("measures.csv: victim_based_crime definition has no offence_group list")
    return frozenset(g.strip() for g in listed.group(1).split(";"))


def is_victim_based(code: str) -> bool:
    return offence_groups()[code] not in non_victim_based_groups()
