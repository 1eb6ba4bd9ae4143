"""The `pcc` command line.

Only wiring lives here: each command imports its implementation lazily, so `pcc --help`
and `pcc measures` never pay for dbt, Great Expectations or Streamlit imports.
Errors are one line on stderr (see pcc.errors for exit codes), usage errors included: click's
multi-line usage message becomes `pcc: error: ...` with exit code 2.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pcc.errors import EXIT_USAGE, EXPECTED_ERRORS, UsageError, exit_code
from pcc.present.docs_links import DOCS_PORT


class _Pcc(typer.Typer):
    """Typer whose usage errors are one line on stderr, like every other error of pcc."""

    def __call__(self, *args, **kwargs):
        if kwargs.get("standalone_mode") is False:
            return super().__call__(*args, **kwargs)
        kwargs.setdefault("prog_name", "pcc")
        try:
            code = super().__call__(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            print("pcc: interrupted", file=sys.stderr)
            sys.exit(130)
        except Exception as exc:
            # Typer's (vendored) click exceptions: usage errors, bad parameters.
            if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
                raise
            sys.exit(_usage_error(exc))
        sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc) -> int:
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        print(ctx.get_help())
        return 0
    message = " ".join(exc.format_message().split())
    hint = f" (see `pcc {ctx.info_name} --help`)" if ctx is not None and ctx.parent else ""
    print(f"pcc: error: {message}{hint}", file=sys.stderr)
    return exc.exit_code or EXIT_USAGE


app = _Pcc(
    name="pcc",
    help="Kent PCC performance warehouse: ingest extracts, build measures, check, publish, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"pcc {version('pcc-warehouse')}")
        raise typer.Exit(0)


@app.callback()
def _options(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="PCC_DATA_DIR",
            metavar="DIR",
            help="Data folder: raw extracts, landing store, warehouse (default: "
            "$PCC_DATA_DIR, else ./data).",
            show_default=False,
            show_envvar=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Kent PCC performance warehouse: ingest extracts, build measures, check, publish, report.

    Exit codes: 0 ok, 1 found a problem, 2 bad arguments or setting, 3 no warehouse or no
    data of the kind asked for.
    """
    if data_dir is not None:
        # The one place the option meets the setting: every command reads PCC_DATA_DIR.
        os.environ["PCC_DATA_DIR"] = str(data_dir)
    from pcc.config import validate_environment

    try:
        validate_environment()
    except UsageError as exc:
        print(f"pcc: error: {exc}", file=sys.stderr)
        raise typer.Exit(exc.exit_code) from None


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
    # A terminal or pipe that cannot encode a value gets an escape, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = fn(*args, **kwargs)
    except BrokenPipeError:
        # The reader of a pipe (e.g. `| head`) stopped: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
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
        # Described in the docstring: typer would print the argument's type (<list[Path]>).
        typer.Argument(metavar="PATH", hidden=True),
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

    PATH: files or folders to load (default: $PCC_DATA_DIR/raw). Prints a load report per file.
    Exits 1 if any file was rejected or quarantined (valid files still load).
    """
    from pcc.commands.ingest import run_ingest

    _run(run_ingest, paths or [], accept_revision, rebuild)


@app.command()
def refresh(
    raw: Annotated[
        Path | None,
        typer.Option(
            "--raw",
            metavar="PATH",
            help="Folder (or file) of raw extracts to ingest first (default: $PCC_DATA_DIR/raw).",
            show_default=False,
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Rebuild every model from the whole landing store instead of only what changed.",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="A line per file and per dbt node.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Ingest -> dbt build -> quality checks -> atomic publish of the warehouse.

    Incremental when the published warehouse was built by the same models and seeds; with
    nothing new it says so and stops. Progress bars on a terminal, a short log otherwise.

    A failure at any step leaves the last good warehouse live and exits non-zero.
    """
    from pcc.commands.refresh import run_refresh, verbosity_of

    _run(lambda: run_refresh(raw, full, verbosity_of(verbose, quiet)))


@app.command(context_settings={"ignore_unknown_options": True})
def sql(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="QUERY",
            hidden=True,  # described in the docstring, without typer's <str>
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="table|csv|json", help="Output format."),
    ] = OutputFormat.table,
    max_rows: Annotated[
        int | None,
        typer.Option(
            "--max-rows",
            metavar="N",
            help="Rows to print, 0 for all (default: 10,000 for a table or a terminal, "
            "all for csv/json to a pipe or file).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run one read-only query against the published warehouse (marts on the search path).

    QUERY: e.g. "select * from dim_measures"; - or none: read it from stdin. Files, settings, attaching and every write are refused; a query stops after
    $PCC_SQL_TIMEOUT seconds (default 60).
    """
    from pcc.commands.sql import run_sql

    if query is None or query == "-":
        query = sys.stdin.read()
    _run(run_sql, query, format.value, max_rows)


@app.command()
def sample(
    seed: Annotated[
        int, typer.Option(metavar="N", help="Random seed; the committed sample uses the default.")
    ] = 20250930,
    out: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="Folder to write the extracts to (default: data/raw for kent)."
        ),
    ] = None,
    scale: Annotated[
        SampleScale,
        typer.Option(
            metavar="kent|national",
            help="kent: the committed sample; national: many forces, for benchmarks.",
        ),
    ] = SampleScale.kent,
    forces: Annotated[
        int, typer.Option(metavar="N", help="With --scale national: forces (1-43).")
    ] = 43,
    years: Annotated[
        int, typer.Option(metavar="N", help="With --scale national: years up to 2025-09 (1-7).")
    ] = 7,
) -> None:
    """Write the synthetic Kent sample extracts (April 2018 to September 2025).

    Synthetic records calibrated to Kent's published totals; not real crimes or people.
    --scale national: synthetic crime extracts at England and Wales volume, for benchmarks only.
    """
    from sample.command import run_sample

    _run(run_sample, seed, out, scale.value, forces, years)


@app.command()
def measures(
    period_end: Annotated[
        str | None,
        typer.Option(
            "--period-end",
            metavar="YYYY-MM",
            help="Last month of the window, YYYY-MM (default: the latest complete month in "
            "the warehouse; with --source prc the quarter end at or before it).",
            show_default=False,
        ),
    ] = None,
    window_months: Annotated[
        int,
        typer.Option("--window-months", metavar="12|3", help="12 (rolling year) or 3 (quarter)."),
    ] = 12,
    area: Annotated[
        str,
        typer.Option(
            metavar="NAME", help="Kent, a district name or ONS code; any force with --source prc."
        ),
    ] = "Kent",
    baseline_end: Annotated[
        str | None,
        typer.Option(
            "--baseline-end",
            metavar="YYYY-MM",
            help="Last month of the 12-month baseline, any month of 2019 (default: 2019-12).",
        ),
    ] = None,
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="table|csv|json", help="Output format."),
    ] = OutputFormat.table,
    source: Annotated[
        MeasureSource,
        typer.Option(
            metavar="extract|prc",
            help="extract: Kent's record-level extracts; prc: the Home Office police recorded "
            "crime open data tables (any force, quarter ends only).",
        ),
    ] = MeasureSource.extract,
    publishable: Annotated[
        bool,
        typer.Option(
            "--publishable",
            help="Show figures as published: person-level counts below force level as <5 "
            "(with secondary suppression). Without it: the analysts' exact view.",
        ),
    ] = False,
) -> None:
    """The board table: every measure for a window against the previous year and the baseline.

    Better / worse only where the change is statistically significant; the verdict and
    significance columns say which.
    """
    if source is MeasureSource.prc:  # any force, from the public police recorded crime tables
        from pcc.commands.prc_measures import run_prc_measures

        _run(run_prc_measures, period_end, window_months, area, baseline_end, format.value)
    from pcc.commands.measures import run_measures

    _run(run_measures, period_end, window_months, area, baseline_end, format.value, publishable)


@app.command()
def compare(
    measure: Annotated[
        str,
        typer.Option(metavar="ID", help="Measure id, e.g. calls_999_within_10s_pct or robbery."),
    ],
    period_end: Annotated[
        str,
        typer.Option("--period-end", metavar="YYYY-MM", help="Last month of the window."),
    ],
    window_months: Annotated[
        int | None,
        typer.Option(
            "--window-months",
            metavar="N",
            help="Window length (default: the shortest the measure has: 1 month for 999).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="table|csv", help="Output format."),
    ] = OutputFormat.table,
) -> None:
    """Kent's rank among the territorial forces on one measure, and the ranked table.

    From the public data (Home Office 999 answer times, police recorded crime and crime outcomes
    tables, data.police.uk stop and search): rank 1 = best by the measure's polarity, Kent's
    most similar group and the national figure.
    """
    from pcc.commands.compare import run_compare

    _run(run_compare, measure, period_end, window_months, format.value)


@app.command()
def reconcile(
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", metavar="table|csv|json", help="Output format."),
    ] = OutputFormat.table,
) -> None:
    """Compare the warehouse with every figure Kent has published.

    Exits 1 on any mismatch other than the documented rounding slip F015.
    """
    from pcc.commands.reconcile import run_reconcile

    _run(run_reconcile, format.value)


@app.command()
def check() -> None:
    """Run the mart data-quality suites on the published warehouse and print a summary.

    Builds the Great Expectations Data Docs under $PCC_DATA_DIR/quality/data_docs.
    Exits 1 if a critical expectation fails. Never writes to the published warehouse.
    """
    from pcc.commands.check import run_check

    _run(run_check)


@app.command()
def docs(
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve the site after building it.")
    ] = False,
    port: Annotated[
        int, typer.Option(metavar="N", help="Port to serve the site on, with --serve.")
    ] = DOCS_PORT,
) -> None:
    """Build the dbt documentation site under $PCC_DATA_DIR/build/docs."""
    from pcc.commands.docs import run_docs

    _run(run_docs, serve, port)


@app.command()
def explore(
    port: Annotated[
        int, typer.Option(metavar="N", help="Port to serve the explorer on (1-65535).")
    ] = 8501,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="Address to listen on. The default serves this machine only; 0.0.0.0 serves "
            "the network (put it behind your single sign-on first: see README).",
        ),
    ] = "127.0.0.1",
) -> None:
    """Start the Streamlit explorer on the published warehouse."""
    from pcc.commands.explore import run_explore

    _run(run_explore, port, host)


@app.command()
def pack(
    period_end: Annotated[
        str,
        typer.Option(
            "--period-end",
            metavar="YYYY-MM",
            help="Last month of the quarter, YYYY-MM (Mar/Jun/Sep/Dec).",
        ),
    ],
    out: Annotated[Path, typer.Option(metavar="DIR", help="Folder to write the pack to.")] = Path(
        "out"
    ),
    allow_failed_checks: Annotated[
        bool,
        typer.Option(
            "--allow-failed-checks",
            help="Produce a pack stamped DRAFT even if the latest refresh failed its quality checks.",
        ),
    ] = False,
) -> None:
    """The quarterly board pack: pack-<YYYY-MM>.xlsx and pack-<YYYY-MM>.pdf."""
    from pcc.commands.pack import run_pack

    _run(run_pack, period_end, out, allow_failed_checks)


def main() -> None:  # pragma: no cover - console entry point convenience
    app()
