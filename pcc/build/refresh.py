"""`pcc refresh`: ingest -> build -> check -> publish.

The published warehouse is never written to. Each refresh builds a new DuckDB file under
build/, fills it, checks it, and only then swaps it over warehouse.duckdb with os.replace. A
failure or a kill at any point leaves the last good warehouse live; readers holding the old
file keep reading it undisturbed.

The build is incremental when it can be (pcc/build/build_plan.py): the new file starts as a copy of
the published warehouse, its landing copy is brought up to date month by month, and dbt
rebuilds only what the changed landing tables feed, the large crime models only for the
changed months. Otherwise (first build, `--full`, changed models) it starts empty and dbt
builds everything: the same result, which tests/dbt/test_incremental.py checks.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pcc.build.dbt_runner import WarmDbt
from pcc.build.refresh_output import RefreshReporter
from pcc.errors import EXPECTED_ERRORS, PccError
from pcc.paths import DataPaths


@dataclass
class RefreshRun:
    started_at: datetime
    steps: list[dict] = field(default_factory=list)
    status: str = "running"
    message: str = ""
    build_mode: str = ""
    build_fingerprint: str = ""

    def record(self, step: str, status: str, seconds: float, detail: str = "") -> None:
        self.steps.append(
            {"step": step, "status": status, "seconds": round(seconds, 2), "detail": detail}
        )


@contextmanager
def _refresh_lock(data: DataPaths) -> Iterator[None]:
    """One refresh at a time per data directory; a second one fails fast."""
    data.root.mkdir(parents=True, exist_ok=True)
    with open(data.root / ".refresh.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PccError(f"another refresh is running on {data.root}") from None
        yield


def _timed(
    run: RefreshRun, out: RefreshReporter, number: int, name: str, fn: Callable[[], str]
) -> None:
    out.step_started(number, name)
    t0 = time.perf_counter()
    try:
        detail = fn()
    except Exception:
        run.record(name, "failed", time.perf_counter() - t0)
        raise
    seconds = time.perf_counter() - t0
    status = "skipped" if detail.startswith("skipped") else "ok"
    run.record(name, status, seconds, detail)
    out.step_finished(number, name, detail, seconds)


def _step_ingest(data: DataPaths, raw: Path | None, out: RefreshReporter) -> str:
    from ingest.pipeline import ingest_paths
    from pcc.config import ingest_settings

    # No folder given: $PCC_DATA_DIR/raw, where a missing folder simply means nothing new, so
    # the warehouse can be rebuilt from the landing store alone.
    report = ingest_paths([raw] if raw else [], data, ingest_settings(), on_file=out.file_done)
    if report.rejected:
        raise PccError(
            f"{len(report.rejected)} file(s) rejected at ingest; nothing published "
            "(fix or remove them and refresh again)"
        )
    loaded = sum(r.action in ("loaded", "superseded", "reinstated") for r in report.files)
    checks = f" (extract suites {report.quality_seconds:.1f} s)" if loaded else ""
    held = f", {len(report.quarantined)} quarantined" if report.quarantined else ""
    return f"{len(report.files)} files, {loaded} new or revised{held}{checks}{_holdings(data)}"


def _holdings(data: DataPaths) -> str:
    """'' when the store holds a force extract; a note when it holds only public data (on
    purpose: public files were delivered); an error when it holds nothing at all."""
    from ingest.contracts import CONTRACTS

    extracts = public = 0
    if data.landing_db.exists():
        sources = ", ".join(f"'{s}'" for s in CONTRACTS)
        with duckdb.connect(str(data.landing_db), read_only=True) as con:
            extracts, public = con.execute(
                f"select (select count(*) from month_owner where source in ({sources})), "
                "(select count(*) from public_owner)"
            ).fetchone()
    if extracts:
        return ""
    if public:
        return "; public data only (no force extract loaded)"
    raise PccError(
        f"no force extract or public data in the landing store under {data.root}: nothing to "
        "publish (is PCC_DATA_DIR right? put the extracts in its raw/ folder or pass --data-dir)"
    )


def _new_build_file(data: DataPaths) -> Path:
    """Always the same name (one refresh at a time holds the lock): dbt's profile names this
    file, and a changed profile makes dbt parse the whole project again (~6 s)."""
    data.build_dir.mkdir(parents=True, exist_ok=True)
    return data.build_dir / "warehouse-next.duckdb"


def _step_build(
    data: DataPaths,
    build_file: Path,
    run: RefreshRun,
    full: bool,
    out: RefreshReporter,
    warm: WarmDbt | None = None,
) -> str:
    from ingest.landing_sync import LandingOutOfStep
    from pcc.build.build_plan import choose_mode, code_fingerprint

    run.build_fingerprint = run.build_fingerprint or code_fingerprint()
    mode = choose_mode(data, run.build_fingerprint, full)
    reason = mode.reason
    if mode.incremental:
        try:
            detail = _build_incremental(data, build_file, out, warm)
            run.build_mode = "incremental"
            return detail
        except LandingOutOfStep as exc:
            _remove_build_files(build_file)
            reason = f"{exc}; building in full"
    out.note(f"full build: {reason}")
    _build_full(data, build_file, out, warm)
    run.build_mode = "full"
    out.outcome.changed = f"everything rebuilt ({reason})"
    return f"full ({reason}): {out.outcome.dbt_nodes} dbt nodes"


def _build_full(
    data: DataPaths, build_file: Path, out: RefreshReporter, warm: WarmDbt | None = None
) -> None:
    from ingest.landing import copy_landing_into
    from pcc.build.dbt_runner import build_warehouse

    con = _connect_build(build_file)
    try:
        copy_landing_into(con, data)
    finally:
        con.close()
    build_warehouse(
        build_file, data, target_path=_shared_dbt_target(data), on_event=out.dbt_event, warm=warm
    )


def _build_incremental(
    data: DataPaths, build_file: Path, out: RefreshReporter, warm: WarmDbt | None = None
) -> str:
    from ingest.landing_sync import sync_landing_into
    from pcc.build.build_plan import downstream_selectors
    from pcc.build.dbt_runner import build_warehouse

    # The published file is never written in place, so a plain copy of it is consistent.
    shutil.copyfile(data.warehouse, build_file)
    con = _connect_build(build_file)
    try:
        changes = sync_landing_into(con, data)
        con.execute("checkpoint")
    finally:
        con.close()
    out.note(f"incremental build: {changes.describe()}")
    out.outcome.changed = changes.describe().removeprefix("changed: ")
    selectors = downstream_selectors(changes.tables)
    if not selectors:
        return f"incremental: {changes.describe()}; copied {data.warehouse.name}"
    # Unit tests check model logic on fixed inputs: the models are those of the published
    # build (same fingerprint), whose full build ran them.
    build_warehouse(
        build_file,
        data,
        select=selectors,
        skip_unit_tests=True,
        target_path=_shared_dbt_target(data),
        on_event=out.dbt_event,
        warm=warm,
    )
    out.outcome.changed += f"; {out.outcome.dbt_nodes} dbt nodes rebuilt"
    return (
        f"incremental ({changes.describe()}): {out.outcome.dbt_nodes} dbt nodes of what they feed"
    )


def _connect_build(build_file: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(build_file))
    except duckdb.IOException as exc:  # e.g. a dbt left running by a killed refresh
        held = re.search(r"PID (\d+)", str(exc))
        by = f" by process {held.group(1)}" if held else ""
        raise PccError(
            f"build file {build_file} is locked{by} (a dbt left running by an earlier, killed "
            "refresh?): end that process and refresh again"
        ) from None


def _shared_dbt_target(data: DataPaths) -> Path:
    """One target folder for every refresh (under the refresh lock): dbt parses only changes."""
    return data.build_dir / "dbt-target"


def _step_check(data: DataPaths, build_file: Path, out: RefreshReporter) -> str:
    """The mart suites on the new build: critical failures stop the publish, warnings don't."""
    from expectations.mart_gate import run_mart_suites, store_results, summary

    results, docs = run_mart_suites(build_file, data.quality_dir, on_suite=out.suite_done)
    report_check_results(results, out)
    blocking = [r for r in results if r.blocking]
    if blocking:
        named = ", ".join(f"{r.suite}.{r.expectation}({r.column_name or ''})" for r in blocking)
        raise PccError(
            f"{len(blocking)} critical expectation(s) failed, not published: {named} "
            f"(Data Docs: {docs})"
        )
    store_results(build_file, results)
    out.outcome.checks = f"{summary(results)} (Data Docs {docs})"
    return f"{summary(results)}; Data Docs {docs}"


def _write_refresh_info(build_file: Path, run: RefreshRun) -> None:
    """Stamp the warehouse with when and how it was built, for the explorer and the pack."""
    from ingest.contracts import CONTRACTS

    # Kent's own extracts decide how current the data is (public data has its own dates).
    sources = ", ".join(f"'{source}'" for source in CONTRACTS)
    con = duckdb.connect(str(build_file))
    try:
        con.execute("create schema if not exists meta")
        con.execute(
            f"""
            create or replace table meta.refresh_info as
            select
                ?::timestamptz as refreshed_at,
                (
                    select max(last_month) from landing.load_manifest
                    where source in ({sources}) and action <> 'quarantined'
                ) as data_as_at,
                ?::varchar as steps_json,
                ?::varchar as build_mode,
                ?::varchar as build_fingerprint
            """,
            [run.started_at, json.dumps(run.steps), run.build_mode, run.build_fingerprint],
        )
        con.execute("checkpoint")
    finally:
        con.close()


def _publish(data: DataPaths, build_file: Path) -> str:
    # The build connection is closed and checkpointed, so the file is complete on its own.
    wal = build_file.with_name(build_file.name + ".wal")
    if wal.exists():
        raise PccError(f"build file {build_file.name} still has a write-ahead log; not publishing")
    with open(build_file, "rb") as f:
        os.fsync(f.fileno())
    os.replace(build_file, data.warehouse)
    dir_fd = os.open(data.root, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return f"published {data.warehouse}"


def _log_run(data: DataPaths, run: RefreshRun) -> None:
    entry = {
        "started_at": run.started_at.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "status": run.status,
        "message": run.message,
        "build_mode": run.build_mode,
        "steps": run.steps,
    }
    with open(data.refresh_log, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


def _remove_stale_builds(data: DataPaths) -> None:
    """Build files of a refresh that was killed: under the lock no other refresh owns them."""
    if data.build_dir.exists():
        for stale in data.build_dir.glob("warehouse-*.duckdb*"):
            stale.unlink(missing_ok=True)


def _remove_build_files(build_file: Path) -> None:
    for path in (build_file, build_file.with_name(build_file.name + ".wal")):
        path.unlink(missing_ok=True)


def report_check_results(results: list, out: RefreshReporter) -> None:
    for result in results:
        if result.blocking:
            out.error(f"  FAILED: {result.target}: {result.one_line()}")
        elif not result.success:
            out.warning(f"{result.target}: {result.one_line()}")


def _nothing_new(data: DataPaths, run: RefreshRun, full: bool) -> str | None:
    """When the published warehouse is current (see pcc.build.build_plan.published_is_current): the
    time it was refreshed; the refresh then stops without building, checking or stamping."""
    from pcc.build.build_plan import code_fingerprint, published_is_current
    from pcc.build.refresh_log import latest_refresh_attempt

    if full:
        return None
    last = latest_refresh_attempt(data.refresh_log)
    # An attempt that failed after ingest may have failed on this very data: build it again.
    # One that failed at ingest changed nothing that the landing comparison would not see.
    if last is None or not (last.status == "published" or last.failed_step == "ingest"):
        return None
    run.build_fingerprint = code_fingerprint()
    return published_is_current(data, run.build_fingerprint)


def refresh(
    data: DataPaths,
    raw: Path | None = None,
    full: bool = False,
    out: RefreshReporter | None = None,
) -> RefreshRun:
    """Run every step; raise PccError (after logging) if any fails. Returns the run record,
    whose status is 'unchanged' if nothing was new (then nothing was built or logged)."""
    out = out or RefreshReporter(live=False)
    run = RefreshRun(started_at=datetime.now(UTC))
    with _refresh_lock(data):
        _remove_stale_builds(data)
        build_file = _new_build_file(data)
        # dbt imports on the other core while ingest runs (about 1.4 s off the build).
        with WarmDbt(build_file) as warm:
            try:
                _timed(run, out, 1, "ingest", lambda: _step_ingest(data, raw, out))
                refreshed_at = _nothing_new(data, run, full)
                if refreshed_at is not None:
                    run.status, run.message = "unchanged", refreshed_at
                    return run
                _timed(
                    run,
                    out,
                    2,
                    "build",
                    lambda: _step_build(data, build_file, run, full, out, warm),
                )
                _timed(run, out, 3, "check", lambda: _step_check(data, build_file, out))
                _write_refresh_info(build_file, run)
                _timed(run, out, 4, "publish", lambda: _publish(data, build_file))
            except EXPECTED_ERRORS as exc:
                run.status, run.message = "failed", str(exc)
                _remove_build_files(build_file)
                _log_run(data, run)
                raise PccError(f"refresh failed, last good warehouse still live: {exc}") from None
            except BaseException as exc:
                run.status, run.message = "failed", f"{type(exc).__name__}: {exc}"
                _remove_build_files(build_file)
                _log_run(data, run)
                raise
    run.status = "published"
    _log_run(data, run)
    return run
