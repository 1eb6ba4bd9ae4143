"""Full or incremental: how `pcc refresh` builds the next warehouse.

Incremental starts from a copy of the published warehouse and rebuilds only what the changed
landing months feed. That is only sound when the published warehouse was built by the same
models, seeds, macros and contracts, so each build records a fingerprint of them and a
different fingerprint means a full build (a new offence code list reclassifies every crime).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC
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
    "landing_public": (
        "prc_offences",
        "prc_outcomes",
        "prc_subset_outcomes",
        "police_uk_street",
        "police_uk_outcomes",
        "police_uk_stop_search",
        "calls_999_monthly",
        "public_owner",
    ),
}


def downstream_selectors(changed_tables: tuple[str, ...]) -> list[str]:
    """dbt selectors for every node fed by a changed landing table."""
    return [
        f"source:{source}.{table}+"
        for source, tables in _DBT_SOURCES.items()
        for table in tables
        if table in changed_tables
    ]


def published_is_current(data: DataPaths, fingerprint: str) -> str | None:
    """When the published warehouse was built by these models from exactly the loads the
    landing store holds now (same load identities, same month owners): its refresh time.
    None when anything differs, or when it cannot tell."""
    from ingest.landing import attached_landing_store
    from ingest.landing_sync import LOAD_IDENTITY

    if not data.warehouse.exists() or not data.landing_db.exists():
        return None
    if published_fingerprint(data) != fingerprint:
        return None
    con = duckdb.connect()
    try:
        warehouse = str(data.warehouse).replace("'", "''")
        con.execute(f"attach '{warehouse}' as published (read_only)")
        with attached_landing_store(con, data):
            differs = con.execute(
                f"""
                select
                    exists (
                        (select {LOAD_IDENTITY} from published.landing.load_manifest
                         except select {LOAD_IDENTITY} from landing_source.main.load_manifest)
                        union all
                        (select {LOAD_IDENTITY} from landing_source.main.load_manifest
                         except select {LOAD_IDENTITY} from published.landing.load_manifest)
                    )
                    or exists (
                        (select source, month, load_id from published.landing.month_owner
                         except select source, month, load_id from landing_source.main.month_owner)
                        union all
                        (select source, month, load_id from landing_source.main.month_owner
                         except select source, month, load_id from published.landing.month_owner)
                    )
                """
            ).fetchone()[0]
            stamp = con.execute("select refreshed_at from published.meta.refresh_info").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if differs or not stamp or stamp[0] is None:
        return None
    return stamp[0].astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
