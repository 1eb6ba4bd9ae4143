"""The landing store: typed rows of every accepted file, the load manifest and the archive.

One file is one DuckDB transaction (replace the months it covers, insert its rows, record
the load), so a crash leaves the store exactly as it was before that file. An exclusive
lock file keeps two ingests from interleaving.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

import duckdb

from expectations.extract_gate import RESULT_COLUMNS
from ingest.contracts import CONTRACTS, LANDING_TYPES
from ingest.detect import Detected
from ingest.errors import IngestError
from ingest.paths import StorePaths
from ingest.public.tables import PUBLIC_TABLES
from ingest.read import SourceFile, Staged
from ingest.sql_literal import literal

MANIFEST_COLUMNS = {
    "load_id": "BIGINT",
    "file_name": "VARCHAR",
    "file_sha256": "VARCHAR",
    "source": "VARCHAR",
    "rows": "BIGINT",
    "months": "INTEGER",
    "first_month": "DATE",
    "last_month": "DATE",
    "loaded_at": "TIMESTAMP",  # UTC
    "action": "VARCHAR",  # 'loaded' or 'superseded'
    "superseded_months": "INTEGER",
    "superseded_load_ids": "BIGINT[]",
    "archive_path": "VARCHAR",  # relative to the landing folder
}
# Which load currently owns each (source, month): supersession replaces exactly these.
MONTH_OWNER_COLUMNS = {"source": "VARCHAR", "month": "DATE", "load_id": "BIGINT"}
TABLES = (*CONTRACTS, "load_manifest", "month_owner", "dq_extract_results", *PUBLIC_TABLES)
STAGING = "staging"  # in-memory database holding files while they are checked


@dataclass(frozen=True)
class PreviousLoad:
    load_id: int
    source: str
    rows: int
    first_month: date
    last_month: date


@dataclass(frozen=True)
class LoadOutcome:
    load_id: int
    rows: int
    first_month: date
    last_month: date
    superseded_months: int
    superseded_load_ids: tuple[int, ...]


def create_tables(con: duckdb.DuckDBPyConnection, schema: str, replace: bool = False) -> None:
    """Every landing table, typed from the contracts (empty when new or replaced)."""
    create = "create or replace table" if replace else "create table if not exists"
    tables = {
        contract.source: [
            *(f'"{c.name}" {LANDING_TYPES[c.type]}' for c in contract.columns),
            "_file_sha256 VARCHAR",
            "_line_number BIGINT",
        ]
        for contract in CONTRACTS.values()
    }
    tables["load_manifest"] = [f"{n} {t}" for n, t in MANIFEST_COLUMNS.items()]
    tables["month_owner"] = [f"{n} {t}" for n, t in MONTH_OWNER_COLUMNS.items()]
    # Extract-suite results of every accepted file, stored with its load (quality gate).
    tables["dq_extract_results"] = [f"{n} {t}" for n, t in RESULT_COLUMNS.items()]
    for table, columns in PUBLIC_TABLES.items():  # public data (ingest.public)
        tables[table] = [f"{n} {t}" for n, t in columns.items()]
    for table, columns in tables.items():
        con.execute(f"{create} {schema}.{table} ({', '.join(columns)})")


class LandingStore:
    """Open with `with LandingStore(data) as store:`; holds the ingest lock while open.

    duckdb_config is passed to duckdb.connect (threads, memory_limit, temp_directory).
    """

    def __init__(self, data: StorePaths, duckdb_config: dict[str, str] | None = None) -> None:
        self.data = data
        self.duckdb_config = duckdb_config or {}
        self._lock: IO | None = None
        self.con: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> LandingStore:
        self.data.archive_dir.mkdir(parents=True, exist_ok=True)
        self._lock = _acquire(self.data.landing_dir / ".lock", fcntl.LOCK_EX)
        try:
            self.con = _connect(self.data.landing_db, self.duckdb_config)
            # Checkpoint once when the store closes, not every 16 MB of WAL: a folder of
            # small files otherwise spends most of its time re-compressing row groups.
            self.con.execute("set checkpoint_threshold = '1GB'")
            # Files are read and checked into this in-memory database, by several threads.
            self.con.execute(f"attach ':memory:' as {STAGING}")
            create_tables(self.con, "main")
            self._remove_orphan_archives()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own for another thread (same databases, own temp tables)."""
        return self.con.cursor()

    def find_load(
        self, sha256: str, con: duckdb.DuckDBPyConnection | None = None
    ) -> PreviousLoad | None:
        """The earlier load of a file with these bytes, if any (committed state)."""
        row = (
            (con or self.con)
            .execute(
                f"""
            select load_id, source, rows, first_month, last_month from load_manifest
            where file_sha256 = {literal(sha256)} order by load_id limit 1
            """
            )
            .fetchone()
        )
        return PreviousLoad(*row) if row else None

    def load(
        self,
        source: SourceFile,
        detected: Detected,
        staged: Staged,
        quality_rows: list[tuple] = (),
    ) -> LoadOutcome:
        """Archive the file, then replace its months and record the load in one transaction.

        quality_rows (its extract-suite results) are stored in the same transaction.
        """
        contract = detected.contract
        month = f'"{contract.month_column}"'
        con = self.con
        con.execute(
            f"""
            create or replace temp table file_months as
            select distinct date_trunc('month', {month})::date as month from {staged.table}
            """
        )
        archive_path = self.archive(source)
        con.begin()
        try:
            kind = literal(contract.source)
            owners = con.execute(
                f"""
                select load_id, count(*) from month_owner
                where source = {kind} and month in (select month from temp.file_months)
                group by load_id order by load_id
                """
            ).fetchall()
            if owners:
                con.execute(
                    f"""
                    delete from main.{contract.source}
                    where date_trunc('month', {month})::date in (select month from temp.file_months)
                    """
                )
                con.execute(
                    f"""
                    delete from month_owner
                    where source = {kind} and month in (select month from temp.file_months)
                    """
                )
            names = ", ".join(f'"{c.name}"' for c in contract.columns)
            rows = con.execute(
                f"""
                insert into main.{contract.source}
                select {names}, {literal(source.sha256)}, rowid + 2 from {staged.table}
                """
            ).fetchone()[0]
            load_id = con.execute(
                "select coalesce(max(load_id), 0) + 1 from load_manifest"
            ).fetchone()[0]
            con.execute(
                f"insert into month_owner select {kind}, month, {load_id} from temp.file_months"
            )
            first, last, months = con.execute(
                "select min(month), max(month), count(*) from temp.file_months"
            ).fetchone()
            superseded_months = sum(n for _, n in owners)
            superseded_ids = [load_id_ for load_id_, _ in owners]
            values = [
                load_id,
                source.path.name,
                source.sha256,
                contract.source,
                rows,
                months,
                first,
                last,
                datetime.now(UTC).replace(tzinfo=None),
                "superseded" if superseded_months else "loaded",
                superseded_months,
                superseded_ids,
                archive_path,
            ]
            con.execute(
                f"insert into load_manifest ({', '.join(MANIFEST_COLUMNS)}) "
                f"values ({', '.join(map(literal, values))})"
            )
            if quality_rows:
                rows_sql = ", ".join(f"({', '.join(map(literal, r))})" for r in quality_rows)
                con.execute(f"insert into dq_extract_results values {rows_sql}")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return LoadOutcome(load_id, rows, first, last, superseded_months, tuple(superseded_ids))

    def archive(self, source: SourceFile) -> str:
        """Write the file's bytes to files/<sha256><suffix> (temp name, fsync, rename)."""
        name = f"{source.sha256}{source.archive_suffix}"
        final = self.data.archive_dir / name
        temp = self.data.archive_dir / f".tmp-{os.getpid()}-{name}"
        with open(temp, "wb") as f:
            f.write(source.original)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, final)
        _fsync_dir(self.data.archive_dir)
        return f"{self.data.archive_dir.name}/{name}"

    def _remove_orphan_archives(self) -> None:
        """Archive files without a manifest row come from an interrupted load: drop them."""
        known = {r[0] for r in self.con.execute("select file_sha256 from load_manifest").fetchall()}
        for path in self.data.archive_dir.iterdir():
            if path.name.startswith(".tmp-") or path.name.split(".")[0] not in known:
                path.unlink(missing_ok=True)


CHANGED_MONTHS = "changed_months"  # (source, month) whose rows changed: incremental dbt models


def copy_landing_into(con: duckdb.DuckDBPyConnection, data: StorePaths) -> None:
    """Copy every landing table into schema `landing` of the (new) warehouse behind `con`.

    Sources never loaded get empty typed tables, so dbt sources always exist. Every loaded
    month counts as changed: a full build.
    """
    con.execute("create schema if not exists landing")
    create_tables(con, "landing", replace=True)
    if data.landing_db.exists():
        with attached_landing_store(con, data):
            for table in landing_tables_present(con):
                con.execute(
                    f"insert into landing.{table} by name select * from landing_source.main.{table}"
                )
    con.execute(
        f"create or replace table landing.{CHANGED_MONTHS} as "
        "select source, month from landing.month_owner"
    )


@contextmanager
def attached_landing_store(con: duckdb.DuckDBPyConnection, data: StorePaths) -> Iterator[None]:
    """The landing store attached read-only as `landing_source`, under the shared ingest lock."""
    lock = _acquire(data.landing_dir / ".lock", fcntl.LOCK_SH)
    try:
        path = str(data.landing_db).replace("'", "''")
        try:
            con.execute(f"attach '{path}' as landing_source (read_only)")
        except duckdb.Error as exc:
            raise IngestError(f"cannot read the landing store: {_one_line(exc)}") from None
        try:
            yield
        finally:
            con.execute("detach landing_source")
    finally:
        lock.close()


def landing_tables_present(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Landing tables in the attached store; one written before the public tables lacks them."""
    present = {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where database_name = 'landing_source'"
        ).fetchall()
    }
    return [t for t in TABLES if t in present]


def _connect(path: Path, config: dict[str, str]) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), config=config)
    except duckdb.Error as exc:  # e.g. held open by another program
        raise IngestError(f"cannot open the landing store: {_one_line(exc)}") from None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split("\n")[0].split())


def _acquire(path: Path, mode: int) -> IO:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held open for the lifetime of the lock
    try:
        fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise IngestError(
            f"another ingest is using the landing store (lock {path} is held); "
            "try again when it has finished"
        ) from None
    return handle


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
