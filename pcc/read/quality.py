"""The mart data-quality suites (expectations.mart_gate) run on the published warehouse, read
through the hardened connection; nothing is written to the warehouse."""

from __future__ import annotations

from pathlib import Path

from pcc.errors import NoWarehouseError
from pcc.paths import DataPaths
from pcc.read.warehouse import connect_published


def published_suite_results() -> tuple[list, Path]:
    """(the suites' results, the Data Docs index) for the published warehouse."""
    data = DataPaths.from_env()
    if not data.warehouse.exists():
        raise NoWarehouseError(data.warehouse)
    from expectations.mart_gate import run_mart_suites

    return run_mart_suites(data.warehouse, data.quality_dir, lambda _: connect_published(data))
