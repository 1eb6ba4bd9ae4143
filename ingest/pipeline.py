"""Ingest a list of files and folders: detect, validate, load; one result per file.

This is the API the application calls (pcc ingest and pcc refresh print its report).
Files are read and checked ahead by worker threads (DuckDB runs them in parallel) while the
main thread loads them into the landing store one transaction at a time, in file order.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from expectations.extract_gate import ExtractGate, result_rows
from ingest.cast import typed_columns
from ingest.detect import Detected, detect
from ingest.errors import IngestError
from ingest.landing import STAGING, LandingStore
from ingest.paths import StorePaths
from ingest.public.load import ingest_public, is_public
from ingest.read import SourceFile, Staged, read_header, read_source, stage
from ingest.report import FileResult, IngestReport
from ingest.validate import first_violation
from ingest.violation import FileRejected, Violation

EXTRACT_SUFFIXES = (".csv", ".csv.gz", ".ods", ".zip")  # .ods, .zip: public data only
CHECK_THREADS = 2  # files read and checked at once
LOOKAHEAD = 3  # files checked ahead of the one loading (bounds memory)


@dataclass(frozen=True)
class _Checked:
    """A file that passed every check, waiting in the staging database to be loaded."""

    display: str
    source: SourceFile
    detected: Detected
    staged: Staged


def ingest_paths(
    paths: list[Path], data: StorePaths, duckdb_config: dict[str, str] | None = None
) -> IngestReport:
    """Load every extract under `paths` (default: data.raw) into the landing store.

    duckdb_config (threads, memory_limit, temp_directory) is passed to duckdb.connect.
    """
    files = discover(paths or [data.raw], allow_missing=not paths)
    report = IngestReport()
    if not files:
        return report
    # Public data (PRC workbooks, police.uk files) has its own reader and landing tables.
    routed = [is_public(f) for f in files]
    public = [f for f, p in zip(files, routed, strict=True) if p]
    files = [f for f, p in zip(files, routed, strict=True) if not p]
    today = date.today()
    queue = iter(enumerate(files))
    pending: deque[Future] = deque()
    gate = ExtractGate(data.quality_dir)  # GX is imported on the first file that reaches it
    # The pool is shut down (its threads finished) before the store closes.
    with LandingStore(data, duckdb_config) as store, ThreadPoolExecutor(CHECK_THREADS) as pool:
        report.files += ingest_public(store, public)
        if not files:
            return report

        def check_next() -> None:
            item = next(queue, None)
            if item is not None:
                pending.append(pool.submit(_check, store, *item, today))

        try:
            for _ in range(LOOKAHEAD):
                check_next()
            while pending:
                checked = pending.popleft().result()
                check_next()
                report.files.append(_load(store, checked, gate))
        finally:
            for future in pending:
                future.cancel()
            report.quality_seconds = gate.seconds
    return report


def discover(paths: list[Path], allow_missing: bool = False) -> list[Path]:
    """Files as given; folders scanned recursively for *.csv and *.csv.gz, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not p.name.startswith(".")
                and p.name.lower().endswith(EXTRACT_SUFFIXES)
            )
        elif path.is_file():
            found.append(path)
        elif not allow_missing:
            raise IngestError(f"no such file or folder: {path}")
    return found


def _check(store: LandingStore, index: int, path: Path, today: date) -> _Checked | FileResult:
    """Read, detect, stage and validate one file (in a worker thread, on its own connection)."""
    display = str(path)
    source_name = None
    con = store.cursor()
    try:
        try:
            source = read_source(path, display)
        except OSError as exc:
            reason = f"cannot read: {exc.strerror}"
            raise FileRejected(Violation(display, None, None, reason)) from None
        previous = store.find_load(source.sha256, con)
        if previous is not None:
            return _unchanged(display, previous)
        header = read_header(source)
        detected = detect(header, display)
        source_name = detected.contract.source
        table = f"{STAGING}.main.file_{index}"
        staged = stage(con, source, header, typed_columns(detected), table)
        violation = first_violation(con, source, detected, staged, today)
        if violation is not None:
            con.execute(f"drop table {table}")
            raise FileRejected(violation)
        return _Checked(display, source, detected, staged)
    except FileRejected as rejected:
        return FileResult(display, "rejected", source_name, violation=rejected.violation)
    except duckdb.Error as exc:  # not the file's fault (memory, disk): stop with one line
        raise IngestError(f"{display}: checking failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def _load(store: LandingStore, checked: _Checked | FileResult, gate: ExtractGate) -> FileResult:
    if isinstance(checked, FileResult):
        return checked
    try:
        # The same bytes may have been loaded under another name earlier in this run.
        previous = store.find_load(checked.source.sha256)
        if previous is not None:
            return _unchanged(checked.display, previous)
        # Extract suites run here, in load order, so that history and already-loaded ids
        # include every file loaded before this one.
        source = checked.detected.contract.source
        results = gate.check(store.con, source, checked.staged.table, checked.source.path.name)
        blocking = [r for r in results if r.blocking]
        if blocking:
            reason = "; ".join(r.one_line() for r in blocking)
            violation = Violation(checked.display, None, blocking[0].column_name, reason)
            return FileResult(checked.display, "rejected", source, violation=violation)
        quality_rows = result_rows(results, checked.source.sha256)
        try:
            outcome = store.load(checked.source, checked.detected, checked.staged, quality_rows)
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            raise IngestError(f"{checked.display}: loading failed: {message}") from None
    finally:
        store.con.execute(f"drop table if exists {checked.staged.table}")
    return FileResult(
        checked.display,
        "superseded" if outcome.superseded_months else "loaded",
        checked.detected.contract.source,
        outcome.rows,
        outcome.first_month,
        outcome.last_month,
        outcome.load_id,
        outcome.superseded_months,
        outcome.superseded_load_ids,
        warnings=tuple(r.one_line() for r in results if not r.success),
    )


def _unchanged(display: str, previous) -> FileResult:
    return FileResult(
        display,
        "unchanged",
        previous.source,
        previous.rows,
        previous.first_month,
        previous.last_month,
        previous.load_id,
    )
