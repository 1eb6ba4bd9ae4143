"""`pcc refresh`: ingest -> dbt build -> quality checks -> atomic publish (pcc.build.refresh),
with progress on a terminal and a summary at the end."""

from __future__ import annotations

import signal
from pathlib import Path

from pcc.build.refresh import refresh
from pcc.build.refresh_output import RefreshReporter, Verbosity
from pcc.errors import UsageError
from pcc.paths import DataPaths
from pcc.read.warehouse import data_as_at


def verbosity_of(verbose: bool, quiet: bool) -> Verbosity:
    if verbose and quiet:
        raise UsageError("--verbose and --quiet cannot be used together")
    return Verbosity.VERBOSE if verbose else Verbosity.QUIET if quiet else Verbosity.NORMAL


def _exit_on_sigterm(signum, frame) -> None:
    """`kill <pid>` ends a refresh like Ctrl-C: cleanup (build files, GX scratch) runs."""
    raise SystemExit(128 + signum)


def run_refresh(raw: Path | None, full: bool = False, verbosity: int = Verbosity.NORMAL) -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    data = DataPaths.from_env()
    out = RefreshReporter(Verbosity(verbosity))
    out.start()
    try:
        run = refresh(data, raw, full, out)
    finally:
        out.stop()
    if run.status == "unchanged":
        out.nothing_new(data.warehouse, run.message)
        return 0
    out.summary(
        data.warehouse,
        _data_as_at(data),
        sum(s["seconds"] for s in run.steps),
        run.build_mode,
    )
    return 0


def _data_as_at(data: DataPaths) -> str:
    return data_as_at(data).strftime("%Y-%m")
