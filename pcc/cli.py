"""The `pcc` command line.

Only wiring lives here: each command imports its implementation lazily, so `pcc --help`
and `pcc measures` never pay for dbt, Great Expectations or Streamlit imports.
Errors are one line on stderr (see pcc.errors for exit codes).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pcc.errors import EXPECTED_ERRORS, exit_code

app = typer.Typer(
    name="pcc",
    help="Kent PCC performance warehouse: ingest extracts, build measures, check, publish, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class MeasureSource(StrEnum):
    extract = "extract"
    prc = "prc"


class SampleScale(StrEnum):
    kent = "kent"
    national = "national"


def _run(fn, *args, **kwargs) -> None:
    """Call a command implementation; turn expected errors into one line and an exit code."""
    try:
        code = fn(*args, **kwargs)
    except EXPECTED_ERRORS as exc:
        print(f"pcc: error: {exc}", file=sys.stderr)
        raise typer.Exit(exit_code(exc)) from None
    except KeyboardInterrupt:
        print("pcc: interrupted", file=sys.stderr)
        raise typer.Exit(130) from None
    raise typer.Exit(code or 0)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to load (default: $PCC_DATA_DIR/raw)."),
    ] = None,
    accept_revision: Annotated[
        list[Path] | None,
        typer.Option(help="Load this quarantined revision although it removes rows."),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option(help="Rebuild a lost landing store from landing/files, in load order.")
    ] = False,
) -> None:
    """Validate extracts against their contracts and load them into the landing store.

    Prints a load report per file. Exits 1 if any file was rejected or quarantined (valid
    files still load).
    """
    from pcc.ingest_command import run_ingest

    _run(run_ingest, paths or [], accept_revision, rebuild)


@app.command()
def refresh(
    data_dir: Annotated[
        Path | None, typer.Option(help="Raw extracts to ingest first (default: $PCC_DATA_DIR/raw).")
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Rebuild every model from the whole landing store instead of only what changed.",
        ),
    ] = False,
) -> None:
    """Ingest -> dbt build -> quality checks -> atomic publish of the warehouse.

    Incremental when the published warehouse was built by the same models and seeds.

    A failure at any step leaves the last good warehouse live and exits non-zero.
    """
    from pcc.refresh import run_refresh

    _run(run_refresh, data_dir, full)


@app.command()
def sql(
    query: Annotated[
        str, typer.Argument(help='A read-only SQL query, e.g. "SELECT * FROM marts.dim_measures".')
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Run a read-only query against the published warehouse (writes are refused)."""
    from pcc.sql import run_sql

    _run(run_sql, query, format.value)


@app.command()
def sample(
    seed: Annotated[
        int, typer.Option(help="Random seed; the committed sample uses the default.")
    ] = 20250930,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder to write the extracts to (default: data/raw for kent)."),
    ] = None,
    scale: Annotated[
        SampleScale,
        typer.Option(help="kent: the committed sample; national: many forces, for benchmarks."),
    ] = SampleScale.kent,
    forces: Annotated[int, typer.Option(help="With --scale national: forces (1-43).")] = 43,
    years: Annotated[
        int, typer.Option(help="With --scale national: years up to 2025-09 (1-7).")
    ] = 7,
) -> None:
    """Write the synthetic Kent sample extracts (April 2018 to September 2025).

    Synthetic records calibrated to Kent's published totals; not real crimes or people.
    --scale national: synthetic crime extracts at England and Wales volume, for benchmarks only.
    """
    from pcc.sample.command import run_sample

    _run(run_sample, seed, out, scale.value, forces, years)


@app.command()
def measures(
    period_end: Annotated[
        str, typer.Option("--period-end", help="Last month of the window, YYYY-MM.")
    ],
    window_months: Annotated[
        int, typer.Option("--window-months", help="12 (rolling year) or 3 (quarter).")
    ] = 12,
    area: Annotated[
        str, typer.Option(help="Kent, a district name or ONS code; any force with --source prc.")
    ] = "Kent",
    baseline_end: Annotated[
        str | None,
        typer.Option(
            "--baseline-end",
            help="Last month of the 12-month baseline (default: the build's, 2019-12).",
        ),
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    source: Annotated[
        MeasureSource,
        typer.Option(
            help="extract: Kent's record-level extracts; prc: the Home Office police recorded "
            "crime open data tables (any force, quarter ends only)."
        ),
    ] = MeasureSource.extract,
) -> None:
    """The board table: every measure for a window against the previous year and the baseline."""
    if source is MeasureSource.prc:  # any force, from the public police recorded crime tables
        from pcc.prc_measures import run_prc_measures as run_measures
    else:
        from pcc.measures import run_measures

    _run(run_measures, period_end, window_months, area, baseline_end, format.value)


@app.command()
def reconcile(
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Compare the warehouse with every figure Kent has published.

    Exits 1 on any mismatch other than the documented rounding slip F015.
    """
    from pcc.reconcile import run_reconcile

    _run(run_reconcile, format.value)


@app.command()
def check() -> None:
    """Run the mart data-quality suites on the published warehouse and print a summary.

    Builds the Great Expectations Data Docs under $PCC_DATA_DIR/quality/data_docs.
    Exits 1 if a critical expectation fails. Never writes to the published warehouse.
    """
    from pcc.check import run_check

    _run(run_check)


@app.command()
def docs(
    serve: Annotated[bool, typer.Option(help="Serve the site after building it.")] = False,
) -> None:
    """Build the dbt documentation site for the published warehouse."""
    from pcc.dbt_docs import run_docs

    _run(run_docs, serve)


@app.command()
def explore(
    port: Annotated[int, typer.Option(help="Port to serve the explorer on.")] = 8501,
) -> None:
    """Start the Streamlit explorer on the published warehouse."""
    from pcc.explore import run_explore

    _run(run_explore, port)


@app.command()
def pack(
    period_end: Annotated[
        str,
        typer.Option("--period-end", help="Last month of the quarter, YYYY-MM (Mar/Jun/Sep/Dec)."),
    ],
    out: Annotated[Path, typer.Option(help="Folder to write the pack to.")] = Path("out"),
    allow_failed_checks: Annotated[
        bool,
        typer.Option(
            "--allow-failed-checks",
            help="Produce a pack stamped DRAFT even if the latest refresh failed its quality checks.",
        ),
    ] = False,
) -> None:
    """The quarterly board pack: pack-<YYYY-MM>.xlsx and pack-<YYYY-MM>.pdf."""
    from pcc.pack.command import run_pack

    _run(run_pack, period_end, out, allow_failed_checks)


def main() -> None:  # pragma: no cover - console entry point convenience
    app()
