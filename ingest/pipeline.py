"""Ingest a list of files and folders: detect, validate, load; one result per file.

This is the API the application calls (pcc ingest and pcc refresh print its report).
Files are read and checked ahead by worker threads (DuckDB runs them in parallel) while the
main thread loads them into the landing store one transaction at a time, in file order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from expectations.extract_gate import ExtractGate, result_rows
from expectations.rules_extracts import checked_column
from ingest.cast import typed_columns
from ingest.detect import Detected, detect
from ingest.errors import IngestError
from ingest.landing import RECORD_ID_HASHES, STAGING, LandingStore
from ingest.paths import StorePaths
from ingest.public.load import ingest_public, is_public
from ingest.read import SourceFile, Staged, file_sha256, read_header, read_source, stage
from ingest.report import FileResult, IngestReport
from ingest.revision import fingerprint, losses, missing_days, month_sql
from ingest.settings import IngestSettings
from ingest.validate import first_violation
from ingest.violation import FileRejected, Violation

EXTRACT_SUFFIXES = (".csv", ".csv.gz", ".ods", ".zip")  # .ods, .zip: public data only
CHECK_THREADS = 2  # files read and checked at once
# DuckDB errors that come from a file's content, not from the machine (memory, disk).
FILE_FAULTS = (duckdb.ConversionException, duckdb.InvalidInputException, duckdb.OutOfRangeException)
LOOKAHEAD = 3  # files checked ahead of the one loading (bounds memory)


@dataclass(frozen=True)
class _Checked:
    """A file that passed every check, waiting in the staging database to be loaded."""

    display: str
    source: SourceFile
    detected: Detected
    staged: Staged
    content: str  # fingerprint of the parsed rows (ingest.revision)


def ingest_paths(
    paths: list[Path],
    data: StorePaths,
    settings: IngestSettings | None = None,
    *,
    accept: tuple[Path, ...] = (),
    replay: bool = False,
    held: tuple[Path, ...] = (),
    on_file: Callable[[FileResult, int], None] | None = None,
) -> IngestReport:
    """Load every extract under `paths` and `accept` (default: data.raw) into the landing store.

    `on_file(result, total)` is called as each file is done (for progress bars).
    Files in `accept` are revisions a person confirmed: loaded even if they remove rows.
    `replay` reloads archived loads as they were accepted (ingest.rebuild): no completeness,
    staleness or quarantine checks, which were passed when they were first loaded; the files
    in `held` were quarantined then and are recorded as quarantined again.
    """
    settings = settings or IngestSettings()
    given = [*paths, *accept]
    files = discover(given or [data.raw], allow_missing=not given)
    files = list(dict.fromkeys(files))  # an accepted file may also be in a folder given
    policy = _Policy(
        date.today(),
        settings.max_removed_share,
        {p.resolve() for p in accept},
        replay,
        {p.resolve() for p in held},
    )
    report = IngestReport()
    if not files:
        return report
    total = len(files)

    def done(result: FileResult) -> None:
        report.files.append(result)
        if on_file is not None:
            on_file(result, total)

    # Public data (PRC workbooks, police.uk files) has its own reader and landing tables.
    routed = [is_public(f) for f in files]
    public = [f for f, p in zip(files, routed, strict=True) if p]
    files = [f for f, p in zip(files, routed, strict=True) if not p]
    queue = iter(enumerate(files))
    pending: deque[Future] = deque()
    # GX is imported in the background from the first file that passes its contract checks.
    gate = ExtractGate(data.quality_dir, id_hashes=RECORD_ID_HASHES)
    # The pool is shut down (its threads finished) before the store closes.
    with (
        LandingStore(data, settings.duckdb_config) as store,
        ThreadPoolExecutor(CHECK_THREADS) as pool,
    ):
        for result in ingest_public(store, public):
            done(result)
        if not files:
            return report

        def check_next() -> None:
            item = next(queue, None)
            if item is not None:
                pending.append(pool.submit(_check, store, *item, policy, gate.prepare))

        try:
            for _ in range(LOOKAHEAD):
                check_next()
            while pending:
                checked = pending.popleft().result()
                check_next()
                done(_load(store, checked, gate, policy))
        finally:
            for future in pending:
                future.cancel()
            report.quality_seconds = gate.seconds
    return report


def discover(paths: list[Path], allow_missing: bool = False) -> list[Path]:
    """Files as given; folders scanned recursively for extracts, sorted, hidden files and
    folders (.Trash/, .~lock files) skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower().endswith(EXTRACT_SUFFIXES)
            )
        elif path.is_file():
            found.append(path)
        elif not allow_missing:
            raise IngestError(f"no such file or folder: {path}")
    return found


@dataclass(frozen=True)
class _Policy:
    """What this run decides by: the date, the removal share, accepted files, replay mode."""

    today: date
    max_removed_share: float
    accepted: set[Path]
    replay: bool
    held: set[Path]


def _check(
    store: LandingStore, index: int, path: Path, policy: _Policy, on_passed: Callable[[], None]
) -> _Checked | FileResult:
    """Read, detect, stage and validate one file (in a worker thread, on its own connection);
    on_passed() is called when it has passed its contract checks."""
    display = str(path)
    source_name = None
    con = store.cursor()
    try:
        try:
            original = path.read_bytes()
        except OSError as exc:
            reason = f"cannot read: {exc.strerror}"
            raise FileRejected(Violation(display, None, None, reason)) from None
        # A file whose bytes are already loaded is unchanged: known by its fingerprint alone,
        # so a refresh with nothing new never decompresses or scans it again.
        previous = None if policy.replay else store.find_current_load(file_sha256(original), con)
        if previous is not None:
            return _unchanged(display, previous)
        source = read_source(path, display, original)
        header = read_header(source)
        detected = detect(header, display)
        contract = detected.contract
        source_name = contract.source
        table = f"{STAGING}.main.file_{index}"
        staged = stage(con, source, header, typed_columns(detected), table)
        violation = first_violation(con, source, detected, staged, policy.today)
        if violation is None and not policy.replay:
            violation = missing_days(con, contract, table, display, policy.today)
        if violation is not None:
            con.execute(f"drop table {table}")
            raise FileRejected(violation)
        on_passed()
        content = fingerprint(con, contract.source, contract.column_names, table)
        return _Checked(display, source, detected, staged, content)
    except FileRejected as rejected:
        return FileResult(display, "rejected", source_name, violation=rejected.violation)
    except FILE_FAULTS as exc:  # DuckDB could not read the file's values: the file's fault
        reason = f"cannot be read: {str(exc).splitlines()[0]}"
        return FileResult(
            display, "rejected", source_name, violation=Violation(display, None, None, reason)
        )
    except duckdb.Error as exc:  # not the file's fault (memory, disk): stop with one line
        raise IngestError(f"{display}: checking failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def _load(
    store: LandingStore, checked: _Checked | FileResult, gate: ExtractGate, policy: _Policy
) -> FileResult:
    if isinstance(checked, FileResult):
        return checked
    try:
        return _decide_and_load(store, checked, gate, policy)
    finally:
        store.con.execute(f"drop table if exists {checked.staged.table}")


def _decide_and_load(
    store: LandingStore, checked: _Checked, gate: ExtractGate, policy: _Policy
) -> FileResult:
    """Unchanged, outdated, quarantined, rejected by the extract suites, or loaded."""
    contract = checked.detected.contract
    display, source = checked.display, contract.source
    store.cover(month_sql(contract), checked.staged.table)
    owners = store.owner_fingerprints(source)
    if owners and set(owners) == {checked.content}:
        # The same rows (perhaps other bytes, or another name) own every month it covers.
        held = store.content_history(checked.content)
        return _unchanged(display, held)
    earlier = store.content_history(checked.content)  # a load, or a quarantine, of these rows
    if policy.replay and earlier is not None and earlier.action == "quarantined":
        earlier = None  # replayed quarantines are recorded again below
    reinstates = earlier is not None and earlier.action != "quarantined"
    accepted = checked.source.path.resolve() in policy.accepted
    if reinstates and not policy.replay and not accepted:
        modified = datetime.fromtimestamp(checked.source.path.stat().st_mtime, UTC)
        if modified.replace(tzinfo=None) <= earlier.loaded_at:
            # Still lying in the folder since its load: a later file revised its months.
            note = (
                f"its content was load {earlier.load_id}, revised since; "
                "copy the file in again to reinstate it"
            )
            return _result(display, "outdated", source, earlier, note=note)
    if policy.replay and checked.source.path.resolve() in policy.held:
        note = "quarantined when first delivered (replayed from the archive)"
        outcome = store.quarantine(
            checked.source, checked.detected, checked.staged, checked.content, note
        )
        return _result(display, "quarantined", source, outcome, note=note)
    if not reinstates and not policy.replay and not accepted:
        reasons = losses(store.con, contract, checked.staged.table, policy.max_removed_share)
        if reasons:
            note = (
                "; ".join(reasons)
                + f" (not loaded; `pcc ingest --accept-revision {display}` loads it)"
            )
            if earlier is not None:  # held back before, and still is
                return _result(display, "quarantined", source, earlier, note=note)
            outcome = store.quarantine(
                checked.source, checked.detected, checked.staged, checked.content, note
            )
            return _result(display, "quarantined", source, outcome, note=note)
    # Extract suites run here, in load order, so that history and already-loaded ids
    # include every file loaded before this one.
    results = gate.check(store.con, source, checked.staged.table, checked.source.path.name)
    blocking = [r for r in results if r.blocking]
    if blocking:
        violation = _gate_violation(store, checked, blocking)
        return FileResult(display, "rejected", source, violation=violation)
    quality_rows = result_rows(results, checked.source.sha256)
    note = None
    if reinstates:
        note = f"the content of load {earlier.load_id}"
    elif accepted:
        note = "revision accepted by a person"
    try:
        outcome = store.load(
            checked.source,
            checked.detected,
            checked.staged,
            checked.content,
            quality_rows,
            reinstated=reinstates,
            note=note,
        )
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        raise IngestError(f"{display}: loading failed: {message}") from None
    action = "superseded" if outcome.superseded_months else "loaded"
    if reinstates:
        action = "reinstated"
        note = f"{note}, superseding load(s) {', '.join(map(str, outcome.superseded_load_ids))}"
    return FileResult(
        display,
        action,
        source,
        outcome.rows,
        outcome.first_month,
        outcome.last_month,
        outcome.load_id,
        outcome.superseded_months,
        outcome.superseded_load_ids,
        warnings=tuple(r.one_line() for r in results if not r.success),
        note=note if reinstates else "",
    )


def _gate_violation(store: LandingStore, checked: _Checked, blocking: list) -> Violation:
    """The extract suites' rejection, naming the file's column (and line, for an id that is
    already loaded for a month this file does not replace)."""
    contract = checked.detected.contract
    column = checked_column(contract.source, blocking[0].rule)
    line = None
    if blocking[0].rule == "uniqueness" and column:
        row = store.con.execute(
            f"""
            select min(rowid) from {checked.staged.table}
            where "{column}" in (
                select "{column}" from main.{contract.source}
                where {month_sql(contract)} not in (select month from temp.file_months)
            )
            """
        ).fetchone()[0]
        line = None if row is None else row + 2
    reason = "; ".join(r.one_line() for r in blocking)
    return Violation(checked.display, line, column, reason)


def _result(display: str, action: str, source: str, load, note: str = "") -> FileResult:
    return FileResult(
        display,
        action,
        source,
        load.rows,
        load.first_month,
        load.last_month,
        load.load_id,
        note=note,
    )


def _unchanged(display: str, previous) -> FileResult:
    return _result(display, "unchanged", previous.source, previous)
