"""What `pcc refresh` shows while it runs and when it ends.

On a terminal: rich progress bars (files ingested, dbt nodes done of total, expectation suites
run) and a one-screen summary. Without a terminal (a pipe, a log file, cron, CI): one line per
step and the same summary as plain lines, so a cold refresh of the sample writes at most 30
lines. `--verbose` adds a line per file and per dbt node; `--quiet` prints errors only.
Errors always go to stderr; everything else to stdout.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from ingest.pipeline import FileResult
    from pcc.build.dbt_runner import DbtEvent

WARNINGS_SHOWN = 5  # more are counted, not listed: the summary must fit on one screen


class Verbosity(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


@dataclass
class Outcome:
    """What the summary reports, gathered as the refresh runs."""

    files_seen: int = 0
    new_files: list[FileResult] = field(default_factory=list)  # loaded, superseded, reinstated
    changed: str = ""  # what the build changed
    dbt_nodes: int = 0
    checks: str = ""
    warnings: list[str] = field(default_factory=list)


class RefreshReporter:
    """Receives the refresh's events and shows them (see the module docstring)."""

    def __init__(
        self,
        verbosity: Verbosity = Verbosity.NORMAL,
        live: bool | None = None,
        console: Console | None = None,
    ) -> None:
        self.verbosity = verbosity
        self.console = console or Console(highlight=False, soft_wrap=True)
        self.live = (self.console.is_terminal if live is None else live) and (
            verbosity > Verbosity.QUIET
        )
        self.outcome = Outcome()
        self._progress: Progress | None = None
        self._tasks: dict[str, int] = {}

    # --- lines -------------------------------------------------------------------------------

    def line(self, text: str, level: Verbosity = Verbosity.NORMAL) -> None:
        if self.verbosity >= level:
            target = self._progress.console if self._progress else self.console
            target.print(text, markup=False, highlight=False, soft_wrap=True)

    def error(self, text: str) -> None:
        """Errors are never silenced and go to stderr (above the progress bars on a terminal)."""
        if self._progress is not None:
            self._progress.console.print(text, markup=False, style="red", stderr=True)
        else:
            print(text, file=sys.stderr, flush=True)

    def warning(self, text: str) -> None:
        """Without a terminal a warning goes to stderr as it happens, in full (the summary
        counts it); on a terminal the summary lists it under the bars."""
        self.outcome.warnings.append(text)
        if not self.live and self.verbosity > Verbosity.QUIET:
            print(f"warning: {text}", file=sys.stderr, flush=True)

    # --- steps -------------------------------------------------------------------------------

    def start(self) -> None:
        if self.live:
            self._progress = Progress(
                TextColumn("{task.description:<22}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=False,
            )
            self._progress.start()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def step_started(self, number: int, name: str) -> None:
        self.line(f"[{number}/4] {name} ...", Verbosity.VERBOSE)

    def step_finished(self, number: int, name: str, detail: str, seconds: float) -> None:
        if self.live:
            return  # the bars and the summary say it
        self.line(f"[{number}/4] {name}: {detail} ({seconds:.1f} s)")

    def note(self, text: str) -> None:
        """A step's explanation (e.g. why a build is full): shown in verbose mode."""
        self.line(f"  {text}", Verbosity.VERBOSE)

    def _advance(self, task: str, completed: int, total: int | None) -> None:
        if self._progress is None:
            return
        if task not in self._tasks:
            self._tasks[task] = self._progress.add_task(task, total=total)
        self._progress.update(self._tasks[task], completed=completed, total=total)

    # --- events from the steps ---------------------------------------------------------------

    def file_done(self, result: FileResult, total: int) -> None:
        self.outcome.files_seen += 1
        if result.action in ("loaded", "superseded", "reinstated"):
            self.outcome.new_files.append(result)
        for warning in result.warnings:
            self.warning(f"{result.file}: {warning}")
        if result.action == "rejected":
            self.error(str(result.violation))
        if result.action == "quarantined":
            self.warning(f"quarantined: {result.file}: {result.note}")
        self.line(f"  {result.file}: {result.action_text}", Verbosity.VERBOSE)
        self._advance("files ingested", self.outcome.files_seen, total)

    def dbt_event(self, event: DbtEvent) -> None:
        if event.level == "error":
            self.error(f"  dbt: {event.message}")
            return
        if event.level == "warn":
            self.warning(f"dbt: {event.message}")
        if event.node_done:
            self.outcome.dbt_nodes += 1
            self.line(f"  {event.message}", Verbosity.VERBOSE)
            self._advance("dbt nodes", self.outcome.dbt_nodes, event.total)
        elif event.total is not None and event.name == "ConcurrencyLine":
            self._advance("dbt nodes", 0, event.total)

    def suite_done(self, done: int, total: int) -> None:
        self._advance("expectation suites", done, total)

    # --- the end -----------------------------------------------------------------------------

    def nothing_new(self, warehouse: Path, refreshed_at: str) -> None:
        self.line(
            f"nothing new since the refresh of {refreshed_at}: not rebuilt, warehouse "
            f"unchanged at {warehouse}"
        )

    def summary(self, warehouse: Path, data_as_at: str, seconds: float, mode: str) -> None:
        self.stop()
        out = self.outcome
        new = out.new_files
        lines = [
            f"refresh complete in {seconds:.1f} s ({mode} build)",
            f"  new:        {len(new)} of {out.files_seen} files"
            + (f": {new_by_source(new)}" if new else ""),
            f"  changed:    {out.changed}",
            f"  checks:     {out.checks}",
            f"  warnings:   {len(out.warnings)}" + ("" if self.live else " (on stderr)"),
        ]
        if self.live:
            lines += [f"    - {_shorten(w)}" for w in out.warnings[:WARNINGS_SHOWN]]
        if self.live and len(out.warnings) > WARNINGS_SHOWN:
            lines.append(f"    ... and {len(out.warnings) - WARNINGS_SHOWN} more")
        lines.append(f"  warehouse:  {warehouse} (data as at {data_as_at})")
        for text in lines:
            self.line(text)


def _shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def new_by_source(files: list[FileResult]) -> str:
    """'crime_records 90 files 2018-04..2025-09; call_handling 1 file 2018-04..2025-09'."""
    by_source: dict[str, list[FileResult]] = {}
    for result in files:
        by_source.setdefault(result.source or "?", []).append(result)
    parts = []
    for source, results in by_source.items():
        months = [r for r in results if r.first_month is not None]
        span = ""
        if months:
            first = min(r.first_month for r in months).strftime("%Y-%m")
            last = max(r.last_month for r in months).strftime("%Y-%m")
            span = f" {first}" if first == last else f" {first}..{last}"
        count = f"{len(results)} file{'s' if len(results) != 1 else ''}"
        parts.append(f"{source} {count}{span}")
    return "; ".join(parts)
