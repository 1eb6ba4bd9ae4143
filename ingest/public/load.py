"""Route public files out of the extract ingest, and load them into the landing store.

Same manifest semantics as the extracts: a file's bytes are hashed (the same bytes again are
'unchanged'), archived under their SHA-256, and loaded in one transaction that replaces what
the file covers and records the load. PRC rows, offences and outcomes apart, are owned per
quarter (a newer workbook supersedes every quarter it covers, for all forces; a knife or firearm
outcomes table, the quarters of its subset); police.uk rows per reporting force and month (a
folder holds one file per force).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.errors import IngestError
from ingest.landing import LandingStore
from ingest.public.calls_999 import is_calls_999_header, read_calls_999_csv
from ingest.public.police_uk import police_uk_kind, read_police_uk_csv, read_police_uk_zip
from ingest.public.prc import (
    is_prc_header,
    layout_of,
    offence_subset,
    read_prc_csv,
    read_prc_workbook,
)
from ingest.public.tables import (
    CALLS_999,
    PRC_OFFENCES,
    PRC_OUTCOMES,
    PRC_SUBSET_OUTCOMES,
    PUBLIC_OWNER,
    PUBLIC_TABLES,
    STOP_SEARCH,
    to_arrow,
)
from ingest.report import FileResult
from ingest.revision import fingerprint
from ingest.sql_literal import literal
from ingest.violation import FileRejected, Violation

PUBLIC_SUFFIXES = (".ods", ".zip")


@dataclass(frozen=True)
class PublicFileResult(FileResult):
    """A FileResult whose action text also carries the notes (skipped sheets, unknown codes)."""

    notes: tuple[str, ...] = ()

    @property
    def action_text(self) -> str:
        return "; ".join([super().action_text, *self.notes])


def is_public(path: Path) -> bool:
    """A workbook or zip, or a CSV whose header is a PRC or police.uk header."""
    name = path.name.lower()
    if name.endswith(PUBLIC_SUFFIXES):
        return True
    header = _first_line(path)
    return header is not None and (
        is_prc_header(header) or is_calls_999_header(header) or police_uk_kind(header) is not None
    )


def _first_line(path: Path) -> list[str] | None:
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as f:
            return next(csv.reader([f.readline()]), None)
    except (OSError, EOFError, zlib.error, csv.Error):
        return None  # not a public file: the extract ingest reports what is wrong with it


def ingest_public(store: LandingStore, paths: list[Path]) -> list[FileResult]:
    """Load each public file into the open store, one transaction per file."""
    results: list[FileResult] = []
    for path in paths:
        results += _ingest_one(store, path)
    return results


def _ingest_one(store: LandingStore, path: Path) -> list[FileResult]:
    display = str(path)
    kind = _kind(path)
    try:
        try:
            original = path.read_bytes()
        except OSError as exc:
            raise FileRejected(
                Violation(display, None, None, f"cannot read: {exc.strerror}")
            ) from None
        sha256 = hashlib.sha256(original).hexdigest()
        previous = store.con.execute(
            "select load_id, source, rows, first_month, last_month from load_manifest "
            f"where file_sha256 = {literal(sha256)} order by load_id"
        ).fetchall()
        if previous:
            return [
                PublicFileResult(display, "unchanged", s, r, f, last, i)
                for i, s, r, f, last in previous
            ]
        tables, notes, covered = _read(path, display, original)
    except FileRejected as rejected:
        return [PublicFileResult(display, "rejected", kind, violation=rejected.violation)]
    try:
        for table, parts in tables.items():
            _stage_table(store.con, table, parts, covered.get(table, ()))
        current = _current_loads(store.con, tables)
        if current is not None:  # the same rows in other bytes (re-gzipped, gunzipped, CRLF)
            return [
                PublicFileResult(display, "unchanged", s, r, f, last, i)
                for i, s, r, f, last in current
            ]
        return _load(store, path, display, original, sha256, tables, tuple(notes))
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        raise IngestError(f"{display}: loading failed: {message}") from None


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".ods"):
        return PRC_OFFENCES
    header = None if name.endswith(".zip") else _first_line(path)
    if header and is_prc_header(header):
        table = layout_of(header).table
        return PRC_SUBSET_OUTCOMES if table == PRC_OUTCOMES and offence_subset(name) else table
    return CALLS_999 if header and is_calls_999_header(header) else "police_uk"


def _read(path: Path, display: str, original: bytes) -> tuple[dict, list[str], dict]:
    """{landing table: pyarrow Table or list of them}, the notes and {table: (scope, month)s
    covered beyond the rows'}, or FileRejected."""
    name = path.name.lower()
    if name.endswith(".ods"):
        read = read_prc_workbook(path, display)
        return {read.table: read.parts}, read.notes, {}
    if name.endswith(".zip"):
        read = read_police_uk_zip(path, display)
    else:
        text = _text(original, display, name.endswith(".gz"))
        if is_prc_header(next(csv.reader([text.split("\n", 1)[0]]), [])):
            read = read_prc_csv(text, display)
            return {read.table: read.parts}, read.notes, {}
        if is_calls_999_header(next(csv.reader([text.split("\n", 1)[0]]), [])):
            read = read_calls_999_csv(text, display)
            return {t: [to_arrow(t, c)] for t, c in read.tables.items()}, read.notes, {}
        read = read_police_uk_csv(text, display, path.name)
    tables = {t: [to_arrow(t, c)] for t, c in read.tables.items()}
    return tables, read.notes, read.covered


def _text(original: bytes, display: str, gzipped: bool) -> str:
    data = original
    if gzipped:
        try:
            data = gzip.decompress(original)
        except (OSError, EOFError, zlib.error) as exc:
            raise FileRejected(
                Violation(display, None, None, f"not a readable gzip ({exc})")
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not UTF-8 (byte 0x{data[exc.start]:02X})"
        raise FileRejected(Violation(display, line, None, reason)) from None


@dataclass(frozen=True)
class _Archived:
    """What LandingStore.archive needs to keep a byte-for-byte copy."""

    path: Path
    original: bytes


def _load(
    store: LandingStore,
    path: Path,
    display: str,
    original: bytes,
    sha256: str,
    tables: dict[str, list],
    notes: tuple[str, ...],
) -> list[FileResult]:
    archive_path = store.archive(_Archived(path, original), store.next_load_id())
    con = store.con
    results = []
    con.begin()
    try:
        for table in tables:
            results.append(
                _load_table(store, table, path.name, sha256, archive_path, display, notes)
            )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return results


def _scope(table: str) -> tuple[str, str]:
    """(scope, month) expressions of a row: PRC rows cover all forces per quarter (a subset
    outcomes table: of its subset), 999 rows all
    forces per month, police.uk rows their reporting force per month (stop and search: the
    force the file is named for)."""
    if table in (PRC_OFFENCES, PRC_OUTCOMES):
        return "''", "quarter_start"
    if table == PRC_SUBSET_OUTCOMES:  # a knife or firearm table covers every force, its subset only
        return "offence_subset", "quarter_start"
    if table == CALLS_999:
        return "''", "month"
    if table == STOP_SEARCH:
        return "force_id", "month"
    return "coalesce(reported_by, '')", "month"


def _stage_table(con, table: str, parts: list, covered=()) -> None:
    """temp.incoming_<table> (the rows) and temp.scope_<table> (the (scope, month)s covered:
    the rows', and those of `covered`, files that have no rows)."""
    con.execute(
        f"create or replace temp table incoming_{table} as select * from {_typed(table)} limit 0"
    )
    for part in parts:
        con.register("incoming_part", part)
        con.execute(f"insert into temp.incoming_{table} by name select * from incoming_part")
        con.unregister("incoming_part")
    scope, month = _scope(table)
    # Every month of each quarter the file covers.
    if table in (PRC_OFFENCES, PRC_OUTCOMES, PRC_SUBSET_OUTCOMES):
        month = "unnest(generate_series(quarter_start, quarter_start + interval 2 month, interval 1 month))"
    con.execute(
        f"create or replace temp table scope_{table} as "
        f"select distinct {scope} as scope, cast({month} as date) as month from temp.incoming_{table}"
    )
    if covered:
        values = ", ".join(f"({literal(s)}, {literal(m)})" for s, m in sorted(covered))
        con.execute(
            f"insert into temp.scope_{table} select * from (values {values}) as covered (scope, month) "
            f"except select scope, month from temp.scope_{table}"
        )


def _content(con, table: str) -> str:
    """The fingerprint of the staged rows' published columns (not sheet, member or line)."""
    columns = tuple(c for c in PUBLIC_TABLES[table] if not c.startswith("_"))
    return fingerprint(con, table, columns, f"temp.incoming_{table}")


def _current_loads(con, tables: dict) -> list[tuple] | None:
    """The loads whose content owns everything the staged file covers, if it is all its own."""
    loads = []
    for table in tables:
        owners = con.execute(
            f"""
            select distinct manifest.load_id, manifest.source, manifest.rows,
                manifest.first_month, manifest.last_month, manifest.content_fingerprint
            from {PUBLIC_OWNER} as owner
            inner join temp.scope_{table} as covered using (scope, month)
            inner join load_manifest as manifest using (load_id)
            where owner.source = {literal(table)}
            """
        ).fetchall()
        if not owners or {row[-1] for row in owners} != {_content(con, table)}:
            return None
        loads += [row[:-1] for row in owners]
    return loads


def _load_table(store, table, file_name, sha256, archive_path, display, notes) -> FileResult:
    con = store.con
    columns = [c for c in PUBLIC_TABLES[table] if c != "_file_sha256"]
    con.execute(f"create or replace temp table incoming as select * from temp.incoming_{table}")
    con.execute(f"create or replace temp table file_scope as select * from temp.scope_{table}")
    row_scope, row_month = _scope(table)
    source = literal(table)
    owners = con.execute(
        f"""
        select owner.load_id, count(distinct owner.month)
        from {PUBLIC_OWNER} as owner
        inner join temp.file_scope as covered
            on owner.scope = covered.scope and owner.month = covered.month
        where owner.source = {source}
        group by owner.load_id order by owner.load_id
        """
    ).fetchall()
    superseded_months = con.execute(
        f"""
        select count(distinct owner.month) from {PUBLIC_OWNER} as owner
        inner join temp.file_scope as covered
            on owner.scope = covered.scope and owner.month = covered.month
        where owner.source = {source}
        """
    ).fetchone()[0]
    if owners:
        con.execute(
            f"""
            delete from main.{table}
            where ({row_scope}, {row_month}) in (select (scope, month) from temp.file_scope)
            """
        )
        con.execute(
            f"""
            delete from {PUBLIC_OWNER}
            where source = {source} and (scope, month) in (select (scope, month) from temp.file_scope)
            """
        )
    names = ", ".join(columns)
    rows = con.execute(
        f"""
        insert into main.{table} ({names}, _file_sha256)
        select {names}, {literal(sha256)} from temp.incoming
        """
    ).fetchone()[0]
    load_id = store.next_load_id()
    con.execute(
        f"insert into {PUBLIC_OWNER} select {source}, scope, month, {load_id} from temp.file_scope"
    )
    first, last, months = con.execute(
        "select min(month), max(month), count(distinct month) from temp.file_scope"
    ).fetchone()
    superseded_ids = [load_id_ for load_id_, _ in owners]
    action = "superseded" if superseded_months else "loaded"
    store.record(
        {
            "load_id": load_id,
            "file_name": file_name,
            "file_sha256": sha256,
            "content_fingerprint": _content(con, table),
            "source": table,
            "rows": rows,
            "months": months,
            "first_month": first,
            "last_month": last,
            "loaded_at": datetime.now(UTC).replace(tzinfo=None),
            "action": action,
            "superseded_months": superseded_months,
            "superseded_load_ids": superseded_ids,
            "archive_path": archive_path,
        }
    )
    return PublicFileResult(
        display,
        action,
        table,
        rows,
        first,
        last,
        load_id,
        superseded_months,
        tuple(superseded_ids),
        notes=notes,
    )


def _typed(table: str) -> str:
    """An empty select with the landing table's columns (less _file_sha256), for typing."""
    columns = [c for c in PUBLIC_TABLES[table] if c != "_file_sha256"]
    return f"(select {', '.join(columns)} from main.{table})"
