"""`pcc ingest`: run the ingest and print a load report (rejections also on stderr)."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.pipeline import ingest_paths
from ingest.report import IngestReport
from pcc.duckdb_settings import duckdb_config
from pcc.errors import EXIT_FAILED, EXIT_OK
from pcc.paths import DataPaths

HEADINGS = ("file", "type", "rows", "months", "action")


def run_ingest(paths: list[Path]) -> int:
    data = DataPaths.from_env()
    report = ingest_paths(paths, data, duckdb_config())
    if not report.files:
        where = ", ".join(str(p) for p in paths) if paths else str(data.raw)
        print(f"no extracts (*.csv, *.csv.gz) found in {where}", file=sys.stderr)
        return EXIT_OK
    print(format_report(report))
    for result in report.rejected:
        print(result.violation, file=sys.stderr)
    print_warnings(report)
    return EXIT_FAILED if report.rejected else EXIT_OK


def print_warnings(report: IngestReport) -> None:
    """Quality warnings of accepted files: published, but a person should look."""
    for result in report.files:
        for warning in result.warnings:
            print(f"warning: {result.file}: {warning}", file=sys.stderr)


def format_report(report: IngestReport) -> str:
    """Plain aligned text: one line per file, rows right-aligned."""
    rows = [
        (
            r.file,
            r.source or "?",
            "" if r.rows is None else f"{r.rows:,}",
            r.months_text,
            r.action_text,
        )
        for r in report.files
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(HEADINGS)]

    def line(cells: tuple[str, ...]) -> str:
        padded = [
            cell.rjust(widths[i]) if HEADINGS[i] == "rows" else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    loaded = sum(r.action in ("loaded", "superseded") for r in report.files)
    unchanged = sum(r.action == "unchanged" for r in report.files)
    warned = sum(bool(r.warnings) for r in report.files)
    summary = (
        f"{len(report.files)} files: {loaded} loaded, {unchanged} unchanged, "
        f"{len(report.rejected)} rejected"
    ) + (f", {warned} with quality warnings" if warned else "")
    return "\n".join(
        [line(HEADINGS), line(tuple("-" * w for w in widths)), *map(line, rows), summary]
    )
