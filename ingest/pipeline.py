"""Ingest a list of files and folders: detect, validate, load; one result per file.

This is the API refresh calls; ingest.command prints the same results for the CLI.
Files are read and checked ahead by worker threads (DuckDB runs them in parallel) while the
main thread loads them into the landing store one transaction at a time, in file order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from expectations.extract_gate import ExtractGate, result_rows
from ingest.cast import typed_columns
from ingest.detect import Detected, detect
from ingest.landing import STAGING, LandingStore
from ingest.read import SourceFile, Staged, read_header, read_source, stage
from ingest.validate import first_violation
from ingest.violation import FileRejected, Violation
from pcc.errors import PccError
from pcc.paths import DataPaths

EXTRACT_SUFFIXES = (".csv", ".csv.gz", ".ods", ".zip")  # .ods, .zip: public data only
CHECK_THREADS = 2  # files read and checked at once
LOOKAHEAD = 3  # files checked ahead of the one loading (bounds memory)


@dataclass(frozen=True)
class FileResult:
    file: str  # as shown to the user
    action: str  # 'loaded', 'superseded', 'unchanged' or 'rejected'
    source: str | None = None
    rows: int | None = None
    first_month: date | None = None
    last_month: date | None = None
    load_id: int | None = None
    superseded_months: int = 0
    superseded_load_ids: tuple[int, ...] = ()
    violation: Violation | None = None
    warnings: tuple[str, ...] = ()  # extract-suite warnings (the file was still accepted)

    @property
    def action_text(self) -> str:
        if self.action == "superseded":
            plural = "s" if self.superseded_months != 1 else ""
            return f"superseded {self.superseded_months} month{plural}"
        if self.action == "rejected":
            return f"rejected: {self.violation.reason}"
        return self.action

    @property
    def months_text(self) -> str:
        if self.first_month is None:
            return ""
        first, last = self.first_month.strftime("%Y-%m"), self.last_month.strftime("%Y-%m")
        return first if first == last else f"{first}..{last}"


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    quality_seconds: float = 0.0  # spent in the extract suites

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.action == "rejected"]


@dataclass(frozen=True)
class _Checked:
    """A file that passed every check, waiting in the staging database to be loaded."""

    display: str
    source: SourceFile
    detected: Detected
    staged: Staged


def ingest_paths(
    paths: list[Path], data: DataPaths, *, on_file: Callable[[FileResult, int], None] | None = None
) -> IngestReport:
    """Load every extract under `paths` (default: data.raw) into the landing store.

    `on_file(result, total)` is called as each file is done (for progress bars).
    """
    files = discover(paths or [data.raw], allow_missing=not paths)
    report = IngestReport()
    total = len(files)

    def done(result: FileResult) -> None:
        report.files.append(result)
        if on_file is not None:
            on_file(result, total)

    # Public data (PRC workbooks, police.uk files) has its own reader and landing tables.
    from ingest.public.load import ingest_public, is_public  # imports this module

    routed = [is_public(f) for f in files]
    if any(routed):
        for result in ingest_public([f for f, p in zip(files, routed, strict=True) if p], data):
            done(result)
        files = [f for f, p in zip(files, routed, strict=True) if not p]
    if not files:
        return report
    today = date.today()
    queue = iter(enumerate(files))
    pending: deque[Future] = deque()
    gate = ExtractGate(data)  # GX is imported on the first file that reaches it
    # The pool is shut down (its threads finished) before the store closes.
    with LandingStore(data) as store, ThreadPoolExecutor(CHECK_THREADS) as pool:

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
                done(_load(store, checked, gate))
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
            raise PccError(f"no such file or folder: {path}")
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
        raise PccError(f"{display}: checking failed: {str(exc).splitlines()[0]}") from None
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
            raise PccError(f"{checked.display}: loading failed: {message}") from None
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
