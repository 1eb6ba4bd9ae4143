"""The extract suites at ingest: each incoming file, after its contract checks, before it loads.

Frames are cut in DuckDB from the staged file and the landing store as it stands after the
previous file loaded (so history and already-loaded ids include every earlier file of the same
run); GX is imported and its context opened once, on the first file that needs checking.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from expectations import rules_extracts
from expectations.specs import Result


class ExtractGate:
    def __init__(self, quality_dir: Path, id_hashes: str | None = None) -> None:
        self.quality_dir = quality_dir  # GX run-time output
        self.id_hashes = id_hashes  # landing table of record id hashes (rules_extracts.frame_sql)
        self._context = None
        self.seconds = 0.0  # time spent on the suites (including GX's import), for reports

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

        if self._context is None:
            self._context = gx_runner.open_context(self.quality_dir)
        suite = rules_extracts.suite_for(source)
        sql = rules_extracts.frame_sql(source, staged_table, "main", self.id_hashes)
        frame = con.execute(sql).df()
        return gx_runner.validate(self._context, suite, frame, "ingest", file_label)


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
