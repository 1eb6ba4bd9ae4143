"""Read access to the published warehouse: the one hardened connection every reader uses.

`pcc sql`, `pcc measures`, `pcc reconcile`, `pcc check`, the explorer and the pack all open the
published warehouse through `connect_published`, and nothing else:
- read-only, so DuckDB refuses every write to the file;
- external access off: no statement can read, list or write another file, attach a database,
  install or load an extension (the published file itself is the only file it touches);
- extension autoloading and installing off, no community or unsigned extensions, no persistent
  secrets;
- the search path `marts, main`, so analysts can write `fct_measure_windows`;
- the configuration locked, so no statement can undo any of this;
- a memory limit and a timeout (`PCC_SQL_MEMORY_LIMIT`, `PCC_SQL_TIMEOUT`, see pcc.config).

DuckDB's own guard is the last line; pcc.commands.sql also refuses, by parsing, statements that are not
a single query and functions that touch files or settings, with a one-line reason.

A DuckDB reader in one process blocks a writer in another, so nothing ever writes to the
published file: refresh builds a new file and swaps it in with os.replace. Readers open,
query and close; a reader that started before a swap keeps reading the old file safely, and
a reader never opens the landing store, so it never blocks `pcc ingest` either.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb

from pcc.config import SQL_TIMEOUT_VAR, ReaderSettings, reader_settings
from pcc.errors import NoDataError, NoWarehouseError, PccError
from pcc.paths import DataPaths

SEARCH_PATH = "marts,main"


class UnreadableWarehouseError(PccError):
    def __init__(self, path: Path, exc: Exception) -> None:
        reason = " ".join(str(exc).split("\n")[0].split())
        super().__init__(
            f"the published warehouse {path} cannot be opened ({reason}): run `pcc refresh --full`"
        )


class QueryTimeoutError(PccError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"query stopped after {seconds:g} s (the limit is {SQL_TIMEOUT_VAR}, 0 for none)"
        )


def reader_config(settings: ReaderSettings) -> dict[str, object]:
    """The `config` of a reader connection (all of it fixed before the first statement)."""
    return {
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "allow_persistent_secrets": False,
        "memory_limit": settings.memory_limit,
        "threads": settings.threads,
        # Locked from the start, in the config itself: every reader in a process then shares
        # one DuckDB instance with one configuration (a SET after connecting would fail on the
        # second, concurrent reader). The search path is per connection, set next.
        "lock_configuration": True,
    }


def open_reader(path: Path, settings: ReaderSettings) -> duckdb.DuckDBPyConnection:
    """A hardened read-only connection to `path` (see the module docstring)."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=reader_config(settings))
        con.execute(f"set search_path = '{SEARCH_PATH}'")
    except duckdb.Error as exc:
        raise UnreadableWarehouseError(path, exc) from None
    return con


@contextmanager
def connect_published(paths: DataPaths | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The published warehouse, hardened, for the life of the block; the block may run for at
    most the reader timeout, after which its statement is interrupted."""
    paths = paths or DataPaths.from_env()
    settings = reader_settings()
    if not paths.warehouse.is_file():
        raise NoWarehouseError(paths.warehouse)
    con = open_reader(paths.warehouse, settings)
    expired = threading.Event()

    def interrupt() -> None:
        expired.set()
        con.interrupt()

    timer = None
    if settings.timeout_seconds > 0:
        timer = threading.Timer(settings.timeout_seconds, interrupt)
        timer.daemon = True
        timer.start()
    try:
        yield con
    except duckdb.InterruptException:
        if expired.is_set():
            raise QueryTimeoutError(settings.timeout_seconds) from None
        raise
    finally:
        if timer is not None:
            timer.cancel()
        con.close()


def data_as_at(paths: DataPaths | None = None) -> date:
    """The latest complete month of Kent's extracts in the published warehouse (its first day)."""
    with connect_published(paths) as con:
        try:
            row = con.execute("select data_as_at from meta.refresh_info").fetchone()
        except duckdb.CatalogException:
            row = None
    if not row or row[0] is None:
        raise NoDataError("the published warehouse has no extract data: run `pcc refresh`")
    return row[0]
