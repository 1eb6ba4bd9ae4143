"""Read access to the published warehouse: short-lived, read-only DuckDB connections.

A DuckDB reader in one process blocks a writer in another, so nothing ever writes to the
published file: refresh builds a new file and swaps it in with os.replace. Readers open,
query and close; a reader that started before a swap keeps reading the old file safely.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from pcc.errors import NoWarehouseError
from pcc.paths import DataPaths


@contextmanager
def connect_published(paths: DataPaths | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    paths = paths or DataPaths.from_env()
    if not paths.warehouse.exists():
        raise NoWarehouseError(paths.warehouse)
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        yield con
    finally:
        con.close()
