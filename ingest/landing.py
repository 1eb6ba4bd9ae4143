"""The landing store: typed rows of every accepted file, the load manifest and the archive.

One file is one DuckDB transaction (replace the months it covers, insert its rows, record
the load), so a crash leaves the store exactly as it was before that file. An exclusive
lock file keeps two ingests from interleaving.

The archive keeps each load's file as files/<load_id>/<file name> (written before its load
commits), so the folder names give the order to replay the loads in; a quarantined revision
is kept the same way under quarantine/.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
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
    "content_fingerprint": "VARCHAR",  # SHA-256 over the parsed rows (ingest.revision)
    "source": "VARCHAR",
    "rows": "BIGINT",
    "months": "INTEGER",
    "first_month": "DATE",
    "last_month": "DATE",
    "loaded_at": "TIMESTAMP",  # UTC
    "action": "VARCHAR",  # 'loaded', 'superseded', 'reinstated' or 'quarantined'
    "superseded_months": "INTEGER",
    "superseded_load_ids": "BIGINT[]",
    "archive_path": "VARCHAR",  # relative to the landing folder
    "note": "VARCHAR",  # why a revision was quarantined, or that a person accepted it
}
# Which load currently owns each (source, month): supersession replaces exactly these.
MONTH_OWNER_COLUMNS = {"source": "VARCHAR", "month": "DATE", "load_id": "BIGINT"}
# The hash of every loaded record id (sources whose key is one id column), by month, for the
# extract suites' "no id is already loaded" check: an incoming file's ids are looked up among
# 8-byte hashes instead of every loaded id string, about 5 x faster once a store holds tens of
# millions of crimes (a hash match is confirmed on the ids themselves). Ingest bookkeeping, not
# in TABLES: never copied into a warehouse. DuckDB's hash() may change between versions, so the
# store records the version that filled the table and refills it from the rows when it differs.
RECORD_ID_HASHES = "record_id_hashes"
RECORD_IDS = {c.source: c.primary_key[0] for c in CONTRACTS.values() if len(c.primary_key) == 1}
TABLES = (*CONTRACTS, "load_manifest", "month_owner", "dq_extract_results", *PUBLIC_TABLES)
STAGING = "staging"  # in-memory database holding files while they are checked


ARCHIVE_FOLDER = re.compile(r"^\d{6,}$")  # files/<load_id>/, zero-padded to sort in order
LEGACY_ARCHIVE = re.compile(r"^([0-9a-f]{64})\.")  # files/<sha256>.csv of older stores


@dataclass(frozen=True)
class PreviousLoad:
    load_id: int
    source: str
    rows: int
    first_month: date
    last_month: date
    action: str = "loaded"
    loaded_at: datetime | None = None


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
    if not replace:  # a store written before these columns existed
        for name in ("content_fingerprint", "note"):
            con.execute(
                f"alter table {schema}.load_manifest add column if not exists {name} varchar"
            )


def _record_id_hashes_sql(source: str, table: str) -> str:
    """(source, month, id_hash) of every row of `table`, a landing or staged table of `source`."""
    month = CONTRACTS[source].month_column
    return (
        f"select {literal(source)} as source, date_trunc('month', \"{month}\")::date as month, "
        f'hash("{RECORD_IDS[source]}") as id_hash from {table}'
    )


def _fill_record_id_hashes(con: duckdb.DuckDBPyConnection) -> None:
    """Create main.record_id_hashes; refill it if another DuckDB version (or none) filled it."""
    con.execute(
        f"create table if not exists main.{RECORD_ID_HASHES} "
        "(source VARCHAR, month DATE, id_hash UBIGINT)"
    )
    con.execute(f"create table if not exists main.{RECORD_ID_HASHES}_version (duckdb VARCHAR)")
    version = con.execute("select version()").fetchone()[0]
    filled = con.execute(f"select duckdb from main.{RECORD_ID_HASHES}_version").fetchall()
    if filled == [(version,)]:
        return
    con.begin()
    try:
        con.execute(f"delete from main.{RECORD_ID_HASHES}")
        for source in RECORD_IDS:
            con.execute(
                f"insert into main.{RECORD_ID_HASHES} "
                f"{_record_id_hashes_sql(source, f'main.{source}')}"
            )
        con.execute(f"delete from main.{RECORD_ID_HASHES}_version")
        con.execute(f"insert into main.{RECORD_ID_HASHES}_version values ({literal(version)})")
        con.commit()
    except BaseException:
        con.rollback()
        raise


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
        self._lock = acquire(self.data.landing_dir / ".lock", fcntl.LOCK_EX)
        try:
            if not self.data.landing_db.exists() and any(
                ARCHIVE_FOLDER.match(p.name) for p in self.data.archive_dir.iterdir()
            ):
                # A new store beside an archive would count every archived file an orphan.
                raise IngestError(
                    f"the landing store {self.data.landing_db} is missing but {self.data.archive_dir} "
                    "holds archived loads: run `pcc ingest --rebuild` to rebuild it from them"
                )
            self.con = _connect(self.data.landing_db, self.duckdb_config)
            # Checkpoint once when the store closes, not every 16 MB of WAL: a folder of
            # small files otherwise spends most of its time re-compressing row groups.
            self.con.execute("set checkpoint_threshold = '1GB'")
            # Files are read and checked into this in-memory database, by several threads.
            self.con.execute(f"attach ':memory:' as {STAGING}")
            create_tables(self.con, "main")
            _fill_record_id_hashes(self.con)
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

    def find_current_load(
        self, sha256: str, con: duckdb.DuckDBPyConnection | None = None
    ) -> PreviousLoad | None:
        """A load of a file with these bytes that still owns every month it covers, if any."""
        row = (
            (con or self.con)
            .execute(
                f"""
            select load_id, source, rows, first_month, last_month from load_manifest as m
            where file_sha256 = {literal(sha256)} and action <> 'quarantined'
                and months = (select count(*) from month_owner as o where o.load_id = m.load_id)
            order by load_id limit 1
            """
            )
            .fetchone()
        )
        return PreviousLoad(*row) if row else None

    def cover(self, month_sql: str, staged_table: str) -> None:
        """temp.file_months: the months a staged file covers."""
        self.con.execute(
            f"""
            create or replace temp table file_months as
            select distinct {month_sql} as month from {staged_table}
            """
        )

    def owner_fingerprints(self, source: str) -> list[str | None]:
        """The content fingerprint of each load owning one of temp.file_months."""
        return [
            f
            for (f,) in self.con.execute(
                f"""
                select distinct m.content_fingerprint from month_owner as o
                join load_manifest as m using (load_id)
                where o.source = {literal(source)} and o.month in (select month from temp.file_months)
                """
            ).fetchall()
        ]

    def content_history(self, fingerprint: str) -> PreviousLoad | None:
        """The latest manifest row with this content (a load or a quarantine), if any."""
        row = self.con.execute(
            f"""
            select load_id, source, rows, first_month, last_month, action, loaded_at
            from load_manifest where content_fingerprint = {literal(fingerprint)}
            order by (action = 'quarantined'), load_id desc limit 1
            """
        ).fetchone()
        return PreviousLoad(*row) if row else None

    def next_load_id(self) -> int:
        return self.con.execute(
            "select coalesce(max(load_id), 0) + 1 from load_manifest"
        ).fetchone()[0]

    def quarantine(
        self, source: SourceFile, detected: Detected, staged: Staged, fingerprint: str, note: str
    ) -> LoadOutcome:
        """Keep a held-back revision under quarantine/ and record it; no landing row changes."""
        load_id = self.next_load_id()
        archive_path = self.archive(source, load_id, self.data.quarantine_dir)
        first, last, months = self.con.execute(
            "select min(month), max(month), count(*) from temp.file_months"
        ).fetchone()
        values = {
            "load_id": load_id,
            "file_name": source.path.name,
            "file_sha256": source.sha256,
            "content_fingerprint": fingerprint,
            "source": detected.contract.source,
            "rows": staged.rows,
            "months": months,
            "first_month": first,
            "last_month": last,
            "loaded_at": datetime.now(UTC).replace(tzinfo=None),
            "action": "quarantined",
            "superseded_months": 0,
            "superseded_load_ids": [],
            "archive_path": archive_path,
            "note": note,
        }
        self.record(values)
        return LoadOutcome(load_id, staged.rows, first, last, 0, ())

    def record(self, values: dict) -> None:
        """Insert one manifest row."""
        self.con.execute(
            f"insert into load_manifest ({', '.join(values)}) "
            f"values ({', '.join(map(literal, values.values()))})"
        )

    def load(
        self,
        source: SourceFile,
        detected: Detected,
        staged: Staged,
        fingerprint: str,
        quality_rows: list[tuple] = (),
        *,
        reinstated: bool = False,
        note: str | None = None,
    ) -> LoadOutcome:
        """Archive the file, then replace its months and record the load in one transaction.

        quality_rows (its extract-suite results) are stored in the same transaction.
        """
        contract = detected.contract
        month = f'"{contract.month_column}"'
        con = self.con
        self.cover(f"date_trunc('month', {month})::date", staged.table)
        load_id = self.next_load_id()
        archive_path = self.archive(source, load_id)
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
                con.execute(
                    f"""
                    delete from main.{RECORD_ID_HASHES}
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
            if contract.source in RECORD_IDS:
                con.execute(
                    f"insert into main.{RECORD_ID_HASHES} "
                    f"{_record_id_hashes_sql(contract.source, staged.table)}"
                )
            con.execute(
                f"insert into month_owner select {kind}, month, {load_id} from temp.file_months"
            )
            first, last, months = con.execute(
                "select min(month), max(month), count(*) from temp.file_months"
            ).fetchone()
            superseded_months = sum(n for _, n in owners)
            superseded_ids = [load_id_ for load_id_, _ in owners]
            action = "superseded" if superseded_months else "loaded"
            self.record(
                {
                    "load_id": load_id,
                    "file_name": source.path.name,
                    "file_sha256": source.sha256,
                    "content_fingerprint": fingerprint,
                    "source": contract.source,
                    "rows": rows,
                    "months": months,
                    "first_month": first,
                    "last_month": last,
                    "loaded_at": datetime.now(UTC).replace(tzinfo=None),
                    "action": "reinstated" if reinstated else action,
                    "superseded_months": superseded_months,
                    "superseded_load_ids": superseded_ids,
                    "archive_path": archive_path,
                    "note": note,
                }
            )
            if quality_rows:
                rows_sql = ", ".join(f"({', '.join(map(literal, r))})" for r in quality_rows)
                con.execute(f"insert into dq_extract_results values {rows_sql}")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return LoadOutcome(load_id, rows, first, last, superseded_months, tuple(superseded_ids))

    def archive(self, source, load_id: int, under: Path | None = None) -> str:
        """Write the file's bytes to files/<load_id>/<name> (temp name, fsync, rename).

        `source` has .path and .original (the bytes); under is the folder (default files/).
        """
        under = under or self.data.archive_dir
        folder = under / f"{load_id:06d}"
        temp = under / f".tmp-{os.getpid()}-{load_id}"
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        with open(temp / source.path.name, "wb") as f:
            f.write(source.original)
            f.flush()
            os.fsync(f.fileno())
        shutil.rmtree(folder, ignore_errors=True)  # left by an interrupted load
        os.replace(temp, folder)
        _fsync_dir(under)
        return f"{under.name}/{folder.name}/{source.path.name}"

    def _remove_orphan_archives(self) -> None:
        """Archives without a manifest row come from an interrupted load: drop them."""
        rows = self.con.execute("select load_id, file_sha256 from load_manifest").fetchall()
        ids, shas = {i for i, _ in rows}, {s for _, s in rows}
        for under in (self.data.archive_dir, self.data.quarantine_dir):
            for path in under.iterdir() if under.is_dir() else ():
                legacy = LEGACY_ARCHIVE.match(path.name)
                if legacy and legacy.group(1) in shas:
                    continue
                if ARCHIVE_FOLDER.match(path.name) and int(path.name) in ids:
                    continue
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
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
        "select source, month from landing.month_owner "
        f"union all {changed_public_tables_sql('landing.load_manifest')}"
    )


def changed_public_tables_sql(loads: str) -> str:
    """landing.changed_months rows for the open data tables among `loads` (a table with a
    source column): one per table with no month, since a public table is replaced whole
    (dbt_project/macros/incremental.sql reads them)."""
    tables = ", ".join(map(literal, PUBLIC_TABLES))
    return f"select distinct source, null::date from {loads} where source in ({tables})"


@contextmanager
def attached_landing_store(con: duckdb.DuckDBPyConnection, data: StorePaths) -> Iterator[None]:
    """The landing store attached read-only as `landing_source`, under the shared ingest lock."""
    lock = acquire(data.landing_dir / ".lock", fcntl.LOCK_SH)
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


def acquire(path: Path, mode: int) -> IO:
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
