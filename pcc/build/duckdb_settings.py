"""DuckDB resource settings for the processes that write big tables (ingest and dbt).

Defaults suit a 2-core, 24 GB machine: both cores, and a memory limit well under the RAM so
the refresh (plus the explorer and the OS cache) stays below 12 GB; beyond the limit DuckDB
spills to its temp directory. Bigger machines raise them with environment variables:

    PCC_DUCKDB_THREADS=16 PCC_DUCKDB_MEMORY_LIMIT=48GB PCC_DUCKDB_TEMP_DIR=/fast/tmp pcc refresh

dbt reads the same variables, with the same defaults, in dbt_project/profiles.yml.
Unset PCC_DUCKDB_TEMP_DIR keeps DuckDB's own default, `<database file>.tmp` beside the file.
"""

from __future__ import annotations

import os

THREADS_VAR = "PCC_DUCKDB_THREADS"
MEMORY_LIMIT_VAR = "PCC_DUCKDB_MEMORY_LIMIT"
TEMP_DIR_VAR = "PCC_DUCKDB_TEMP_DIR"
DEFAULT_THREADS = "2"
DEFAULT_MEMORY_LIMIT = "8GB"


def duckdb_config() -> dict[str, str]:
    """The `config` for duckdb.connect: threads, memory_limit and (if set) temp_directory."""
    config = {
        "threads": os.environ.get(THREADS_VAR) or DEFAULT_THREADS,
        "memory_limit": os.environ.get(MEMORY_LIMIT_VAR) or DEFAULT_MEMORY_LIMIT,
    }
    temp_dir = os.environ.get(TEMP_DIR_VAR)
    if temp_dir:
        config["temp_directory"] = temp_dir
    return config
