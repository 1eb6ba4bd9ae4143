"""`pcc ingest`: run the ingest and print a load report (rejections also on stderr)."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.pipeline import ingest_paths
from ingest.report import IngestReport
from pcc.config import ingest_settings
from pcc.errors import EXIT_FAILED, EXIT_OK, UsageError
from pcc.paths import DataPaths

HEADINGS = ("file", "type", "rows", "months", "action")


def run_ingest(paths: list[Path], accept: list[Path] | None = None, rebuild: bool = False) -> int:
    data = DataPaths.from_env()
    if rebuild:
        if paths or accept:
            raise UsageError("--rebuild takes no files: it replays landing/files")
        from ingest.rebuild import rebuild_in_place

        report = rebuild_in_place(data, data.build_dir / "landing-rebuild", ingest_settings())
        print(format_report(report))
        print(f"rebuilt {data.landing_db} from {data.archive_dir}")
        return EXIT_OK
    for path in accept or ():
        if not path.is_file():
            raise UsageError(f"--accept-revision: no such file: {path}")
    report = ingest_paths(paths, data, ingest_settings(), accept=tuple(accept or ()))
    if not report.files:
        where = ", ".join(str(p) for p in paths) if paths else str(data.raw)
        print(f"no extracts (*.csv, *.csv.gz) found in {where}", file=sys.stderr)
        return EXIT_OK
    print(format_report(report))
    for result in report.rejected:
        print(result.violation, file=sys.stderr)
    print_warnings(report)
    return EXIT_FAILED if report.rejected or report.quarantined else EXIT_OK


def print_warnings(report: IngestReport) -> None:
    """Quarantined revisions and quality warnings of accepted files: a person should look."""
    for result in report.quarantined:
        print(f"quarantined: {result.file}: {result.note}", file=sys.stderr)
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

    loaded = sum(r.action in ("loaded", "superseded", "reinstated") for r in report.files)
    unchanged = sum(r.action in ("unchanged", "outdated") for r in report.files)
    warned = sum(bool(r.warnings) for r in report.files)
    summary = (
        f"{len(report.files)} files: {loaded} loaded, {unchanged} unchanged, "
        f"{len(report.rejected)} rejected"
    )
    if report.quarantined:
        summary += f", {len(report.quarantined)} quarantined"
    if warned:
        summary += f", {warned} with quality warnings"
    return "\n".join(
        [line(HEADINGS), line(tuple("-" * w for w in widths)), *map(line, rows), summary]
    )
