"""The mart suites: run on a warehouse file, store the results in it, summarise them.

`pcc refresh` runs them on the new build file before publishing (critical failures stop the
publish); `pcc check` runs them on the published warehouse on demand. Frames are read through
a short-lived read-only connection (GX's SQL datasource does not work on DuckDB).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from expectations import rules_marts
from expectations.extract_gate import RESULT_COLUMNS
from expectations.specs import Result

RUN_COLUMNS = {
    "run_id": "VARCHAR",
    "stage": "VARCHAR",
    "suite": "VARCHAR",
    "target": "VARCHAR",
    "run_at": "TIMESTAMP",
    "expectations": "INTEGER",
    "failed_critical": "INTEGER",
    "failed_warning": "INTEGER",
    "success": "BOOLEAN",
}


def run_mart_suites(
    warehouse_file: Path,
    quality_dir: Path,
    open_reader: Callable[[Path], AbstractContextManager[duckdb.DuckDBPyConnection]] | None = None,
    *,
    on_suite: Callable[[int, int], None] | None = None,
) -> tuple[list[Result], Path]:
    """Every mart suite's results on `warehouse_file`, and the Data Docs index they render to
    (GX run-time output under quality_dir).

    `open_reader(path)` gives the read-only connection the frames are read through (default: a
    plain read-only one, for the build file; `pcc check` passes the application's hardened one).
    `on_suite(done, total)` is called as each suite is validated (for progress bars).
    """
    from expectations import gx_runner

    suites = rules_marts.mart_suites()
    with (open_reader or _read_only)(warehouse_file) as con:
        frames = [con.execute(suite.frame_sql).df() for suite in suites]
    context = gx_runner.open_context(quality_dir)
    results = []
    for done, (suite, frame) in enumerate(zip(suites, frames, strict=True), 1):
        results += gx_runner.validate(context, suite, frame, "refresh", suite.target)
        if on_suite is not None:
            on_suite(done, len(suites))
    return results, gx_runner.build_docs(context)


def _read_only(warehouse_file: Path) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    return closing(duckdb.connect(str(warehouse_file), read_only=True))


def store_results(warehouse_file: Path, results: list[Result]) -> None:
    """Write marts.dq_validation_runs/results: this run's mart results plus the extract
    results of every file the warehouse's data comes from (stored at ingest)."""
    run_at = datetime.now(UTC).replace(tzinfo=None)
    run_id = run_at.strftime("%Y%m%dT%H%M%S")
    columns = [c for c in RESULT_COLUMNS if c != "file_sha256"]
    con = duckdb.connect(str(warehouse_file))
    try:
        con.execute("create schema if not exists marts")
        con.execute(
            "create or replace table marts.dq_validation_results ("
            + ", ".join(f"{n} {t}" for n, t in {"run_id": "VARCHAR", **RESULT_COLUMNS}.items())
            + ")"
        )
        # Extract results of the loads that still own a month: the files behind this data.
        con.execute(
            """
            insert into marts.dq_validation_results
            select ?, results.* from landing.dq_extract_results as results
            where results.file_sha256 in (
                select manifest.file_sha256 from landing.load_manifest as manifest
                inner join landing.month_owner as owner using (load_id)
            )
            """,
            [run_id],
        )
        con.executemany(
            f"insert into marts.dq_validation_results (run_id, {', '.join(columns)}) "
            f"values (?, {', '.join('?' for _ in columns)})",
            [
                [run_id, r.stage, r.suite, r.target, r.expectation, r.column_name, r.severity]
                + [r.rule, r.success, r.observed_value, r.details, run_at]
                for r in results
            ],
        )
        con.execute(
            "create or replace table marts.dq_validation_runs ("
            + ", ".join(f"{n} {t}" for n, t in RUN_COLUMNS.items())
            + ")"
        )
        con.execute(
            """
            insert into marts.dq_validation_runs
            select
                run_id, stage, suite, target, max(run_at), count(*),
                count(*) filter (where not success and severity = 'critical'),
                count(*) filter (where not success and severity = 'warning'),
                bool_and(success or severity <> 'critical')
            from marts.dq_validation_results
            group by run_id, stage, suite, target
            order by stage, suite, target
            """
        )
        # The freshness the check judged, per source, for readers (the Data quality page).
        con.execute(
            "create or replace table marts.dq_source_freshness as "
            f"select *, cast(? as timestamp) as checked_at from ({rules_marts.freshness_sql(run_at.date())})",
            [run_at],
        )
        con.execute("checkpoint")
    finally:
        con.close()


def summary(results: list[Result]) -> str:
    failed = [r for r in results if not r.success]
    critical = sum(r.blocking for r in failed)
    suites = len({r.suite for r in results})
    return (
        f"{len(results)} expectations in {suites} suites: "
        f"{critical} critical failed, {len(failed) - critical} warnings"
    )


def print_failures(results: list[Result]) -> None:
    for result in results:
        if not result.success:
            label = "FAILED" if result.blocking else "warning"
            print(f"  {label}: {result.target}: {result.one_line()}", file=sys.stderr, flush=True)
