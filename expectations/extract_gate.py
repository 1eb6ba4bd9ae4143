"""The extract suites at ingest: each incoming file, after its contract checks, before it loads.

Frames are cut in DuckDB from the staged file and the landing store as it stands after the
previous file loaded (so history and already-loaded ids include every earlier file of the same
run). GX is imported and its context opened once per process, in a background thread started
by `prepare` (the pipeline calls it when the first file passes its contract checks), so the
import (about 2 s) overlaps with reading and checking the files instead of adding to them.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from expectations import rules_extracts
from expectations.specs import Result


class ExtractGate:
    def __init__(self, quality_dir: Path, id_hashes: str | None = None) -> None:
        self.quality_dir = quality_dir  # GX run-time output
        self.id_hashes = id_hashes  # landing table of record id hashes (rules_extracts.frame_sql)
        self._context: Future | None = None  # the GX context, opened by a background thread
        self._lock = threading.Lock()
        self.seconds = 0.0  # time spent on the suites (including waiting for GX), for reports

    def prepare(self) -> None:
        """Start opening the GX context in the background, once (safe from any thread)."""
        with self._lock:
            if self._context is not None:
                return
            self._context = Future()
        # Not a daemon: an import cut off at interpreter exit can crash the interpreter.
        threading.Thread(target=self._open, name="gx-context").start()

    def _open(self) -> None:
        try:
            from expectations import gx_runner

            self._context.set_result(gx_runner.open_context(self.quality_dir))
        except BaseException as exc:  # re-raised in the thread that checks
            self._context.set_exception(exc)

    def check(
        self, con: duckdb.DuckDBPyConnection, source: str, staged_table: str, file_label: str
    ) -> list[Result]:
        """Every extract-suite result for one staged file (landing tables in schema main)."""
        started = time.perf_counter()
        try:
            return self._check(con, source, staged_table, file_label)
        finally:
            self.seconds += time.perf_counter() - started

    def _check(
        self, con: duckdb.DuckDBPyConnection, source: str, staged_table: str, file_label: str
    ) -> list[Result]:
        from expectations import gx_runner

        self.prepare()
        suite = rules_extracts.suite_for(source)
        sql = rules_extracts.frame_sql(source, staged_table, "main", self.id_hashes)
        frame = con.execute(sql).df()
        return gx_runner.validate(self._context.result(), suite, frame, "ingest", file_label)


RESULT_COLUMNS = {
    "file_sha256": "VARCHAR",
    "stage": "VARCHAR",
    "suite": "VARCHAR",
    "target": "VARCHAR",
    "expectation": "VARCHAR",
    "column_name": "VARCHAR",
    "severity": "VARCHAR",
    "rule": "VARCHAR",
    "success": "BOOLEAN",
    "observed_value": "VARCHAR",
    "details": "VARCHAR",
    "run_at": "TIMESTAMP",  # UTC
}


def result_rows(results: list[Result], file_sha256: str) -> list[tuple]:
    """Rows for the landing table dq_extract_results (same columns as RESULT_COLUMNS)."""
    run_at = datetime.now(UTC).replace(tzinfo=None)
    return [
        (
            file_sha256,
            r.stage,
            r.suite,
            r.target,
            r.expectation,
            r.column_name,
            r.severity,
            r.rule,
            r.success,
            r.observed_value,
            r.details,
            run_at,
        )
        for r in results
    ]
