"""Bring the landing copy inside a warehouse up to date with the landing store, month by month.

An incremental refresh starts from a copy of the published warehouse, whose `landing` schema
is the landing store as it was when that warehouse was built. This replaces only the
(source, month)s whose owning load changed since then, and whole public-data tables whose
loads changed, and records the changed months in landing.changed_months for the incremental
dbt models. A copy that ends up differing from the store in any row raises LandingOutOfStep,
and the caller builds in full instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingest.contracts import CONTRACTS
from ingest.landing import (
    CHANGED_MONTHS,
    TABLES,
    attached_landing_store,
    changed_public_tables_sql,
    landing_tables_present,
)
from ingest.paths import StorePaths
from ingest.public.tables import PUBLIC_TABLES
from ingest.sql_literal import literal

# A load is the same load only if all of these agree: a landing store rebuilt from scratch
# reuses load ids, but not sha256 and load time together.
LOAD_IDENTITY = "load_id, source, file_sha256, loaded_at"
# Tables rewritten whole on every sync: small, and they change with any load.
_BOOKKEEPING = ("load_manifest", "month_owner", "dq_extract_results")


class LandingOutOfStep(Exception):
    """The warehouse's landing copy cannot be brought in step month by month."""


@dataclass(frozen=True)
class LandingChanges:
    months: dict[str, int]  # extract source -> months replaced
    tables: tuple[str, ...]  # every landing table whose rows changed (dbt selects downstream)

    def describe(self) -> str:
        if not self.tables:
            return "nothing changed since the published warehouse"
        parts = [f"{n} month(s) of {source}" for source, n in self.months.items()]
        public = [t for t in self.tables if t in PUBLIC_TABLES]
        if public:
            parts.append("public data (" + ", ".join(public) + ")")
        return "changed: " + "; ".join(parts or ["the load manifest only"])


def sync_landing_into(con: duckdb.DuckDBPyConnection, data: StorePaths) -> LandingChanges:
    """Update schema `landing` behind `con` (a copy of the published warehouse) in place."""
    if not data.landing_db.exists():
        raise LandingOutOfStep("there is no landing store")
    with attached_landing_store(con, data):
        if set(landing_tables_present(con)) != set(TABLES):
            raise LandingOutOfStep("the landing store lacks tables this build expects")
        changed_sources = _find_changes(con)
        months = {
            source: _replace_changed_months(con, source)
            for source in CONTRACTS
            if source in changed_sources
        }
        months = {source: n for source, n in months.items() if n}
        public = _replace_public_tables(con, changed_sources)
        bookkeeping = _replace_bookkeeping(con) if changed_sources else []
        _verify_in_step(con)
    return LandingChanges(months, tuple([*months, *public, *bookkeeping]))


def _find_changes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Fill landing.changed_months; return the sources with a load added, removed or redone."""
    con.execute(
        f"""
        create or replace temp table changed_loads as
        (
            select {LOAD_IDENTITY} from landing_source.main.load_manifest
            except
            select {LOAD_IDENTITY} from landing.load_manifest
        )
        union
        (
            select {LOAD_IDENTITY} from landing.load_manifest
            except
            select {LOAD_IDENTITY} from landing_source.main.load_manifest
        )
        """
    )
    # A month changed if its owner changed, or if its owner is a load that changed.
    con.execute(
        f"""
        create or replace table landing.{CHANGED_MONTHS} as
        with

        now_owned as (select source, month, load_id from landing_source.main.month_owner),

        was_owned as (select source, month, load_id from landing.month_owner),

        moved as (
            (select * from now_owned except select * from was_owned)
            union
            (select * from was_owned except select * from now_owned)
        ),

        reloaded as (
            select * from now_owned
            where load_id in (select load_id from temp.changed_loads)
        )

        select distinct source, month from moved
        union
        select source, month from reloaded
        """
    )
    # An open data table is replaced whole (below): a row with no month says it changed.
    con.execute(
        f"insert into landing.{CHANGED_MONTHS} {changed_public_tables_sql('temp.changed_loads')}"
    )
    sources = con.execute(
        f"""
        select source from temp.changed_loads
        union
        select source from landing.{CHANGED_MONTHS}
        """
    ).fetchall()
    return {source for (source,) in sources}


def _replace_changed_months(con: duckdb.DuckDBPyConnection, source: str) -> int:
    month = f"date_trunc('month', \"{CONTRACTS[source].month_column}\")::date"
    changed = f"(select month from landing.{CHANGED_MONTHS} where source = {literal(source)})"
    con.execute(f"delete from landing.{source} where {month} in {changed}")
    con.execute(
        f"insert into landing.{source} by name "
        f"select * from landing_source.main.{source} where {month} in {changed}"
    )
    return con.execute(
        f"select count(*) from landing.{CHANGED_MONTHS} where source = {literal(source)}"
    ).fetchone()[0]


def _replace_public_tables(con: duckdb.DuckDBPyConnection, changed: set[str]) -> list[str]:
    """Public data is small next to the extracts and rarely delivered: replace it whole."""
    if not changed & set(PUBLIC_TABLES):
        return []
    for table in PUBLIC_TABLES:
        _replace_table(con, table)
    return list(PUBLIC_TABLES)


def _replace_bookkeeping(con: duckdb.DuckDBPyConnection) -> list[str]:
    for table in _BOOKKEEPING:
        _replace_table(con, table)
    return list(_BOOKKEEPING)


def _replace_table(con: duckdb.DuckDBPyConnection, table: str) -> None:
    con.execute(f"delete from landing.{table}")
    con.execute(f"insert into landing.{table} by name select * from landing_source.main.{table}")


def _verify_in_step(con: duckdb.DuckDBPyConnection) -> None:
    """Same rows as the store: row count and a checksum over every column of every row."""
    for table in TABLES:
        summary = "select count(*), sum(hash(t)) from {}." + table + " as t"
        copy = con.execute(summary.format("landing")).fetchone()
        store = con.execute(summary.format("landing_source.main")).fetchone()
        if copy != store:
            raise LandingOutOfStep(
                f"landing.{table} differs from the store after the sync "
                f"({copy[0]} rows against {store[0]})"
            )
