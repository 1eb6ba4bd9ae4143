"""Full or incremental: how `pcc refresh` builds the next warehouse.

Incremental starts from a copy of the published warehouse and rebuilds only what the changed
landing months feed. That is only sound when the published warehouse was built by the same
models, seeds, macros and contracts, so each build records a fingerprint of them and a
different fingerprint means a full build (a new offence code list reclassifies every crime).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import duckdb

from pcc.paths import PROJECT_ROOT, DataPaths

# Everything that decides what dbt writes, and the shape of the landing tables.
FINGERPRINT_PATHS = (
    "dbt_project.yml",
    "models",
    "dbt_project",
    "ingest/contracts.py",
    "ingest/landing.py",
    "ingest/public/tables.py",
)


@dataclass(frozen=True)
class BuildMode:
    incremental: bool
    reason: str


def code_fingerprint(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the build's inputs' paths and bytes, and the dbt and DuckDB versions."""
    digest = hashlib.sha256()
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        digest.update(f"{package}=={version(package)}\n".encode())
    for entry in FINGERPRINT_PATHS:
        path = root / entry
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode() + b"\0")
                digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def published_fingerprint(data: DataPaths) -> str | None:
    """The fingerprint the published warehouse was built with (None if unknown)."""
    if not data.warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(data.warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(
            "select build_fingerprint from meta.refresh_info where build_fingerprint is not null"
        ).fetchone()
    except duckdb.Error:  # built before fingerprints were recorded
        return None
    finally:
        con.close()
    return row[0] if row else None


def choose_mode(data: DataPaths, fingerprint: str, full_requested: bool) -> BuildMode:
    if full_requested:
        return BuildMode(False, "full build requested")
    if not data.warehouse.exists():
        return BuildMode(False, "no published warehouse yet")
    published = published_fingerprint(data)
    if published is None:
        return BuildMode(False, "the published warehouse has no build fingerprint")
    if published != fingerprint:
        return BuildMode(False, "models, seeds, macros or contracts changed since the last build")
    return BuildMode(True, "same models as the published warehouse")


# Landing tables dbt reads, by dbt source name (the rest are read by Python only).
_DBT_SOURCES = {
    "landing": (
        "crime_records",
        "call_handling",
        "s136_detentions",
        "victim_referrals",
        "victim_satisfaction",
        "asb_incidents",
        "road_casualties",
        "load_manifest",
        "month_owner",
    ),
    "landing_public": ("prc_offences", "police_uk_street", "police_uk_outcomes"),
}


def downstream_selectors(changed_tables: tuple[str, ...]) -> list[str]:
    """dbt selectors for every node fed by a changed landing table."""
    return [
        f"source:{source}.{table}+"
        for source, tables in _DBT_SOURCES.items()
        for table in tables
        if table in changed_tables
    ]
