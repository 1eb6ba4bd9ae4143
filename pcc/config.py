"""Settings of the application read from `PCC_*` environment variables, each validated once.

A bad value is a one-line error naming the variable, never a traceback later on. The reader
settings (`reader_settings`) limit every connection that serves a user: `pcc sql`, `pcc
measures`, `pcc reconcile`, `pcc check`, the explorer and the pack.

    PCC_SQL_TIMEOUT=120 pcc sql "select ..."     # seconds a reader statement may run; 0: none
    PCC_SQL_MEMORY_LIMIT=4GB pcc explore        # DuckDB memory limit of reader connections

The writers' DuckDB resources (`duckdb_config`, for the ingest and dbt) default to a 2-core,
24 GB machine: both cores, and a memory limit well under the RAM so the refresh (plus the
explorer and the OS cache) stays below 12 GB; beyond the limit DuckDB spills to its temp
directory. Bigger machines raise them:

    PCC_DUCKDB_THREADS=16 PCC_DUCKDB_MEMORY_LIMIT=48GB PCC_DUCKDB_TEMP_DIR=/fast/tmp pcc refresh

dbt reads the same variables, with the same defaults, in dbt_project/profiles.yml.
Unset PCC_DUCKDB_TEMP_DIR keeps DuckDB's own default, `<database file>.tmp` beside the file.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pcc.errors import UsageError

if TYPE_CHECKING:
    from ingest.settings import IngestSettings

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


SQL_TIMEOUT_VAR = "PCC_SQL_TIMEOUT"
MAX_REMOVED_SHARE_VAR = "PCC_INGEST_MAX_REMOVED_SHARE"
SQL_MEMORY_LIMIT_VAR = "PCC_SQL_MEMORY_LIMIT"
DEFAULT_SQL_TIMEOUT = 60.0
DEFAULT_SQL_MEMORY_LIMIT = "2GB"
_SIZE = re.compile(r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)$", re.IGNORECASE)


class SettingError(UsageError):
    """A `PCC_*` variable holds a value the application cannot use."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{name} must be {expected}, not {value!r}")


@dataclass(frozen=True)
class ReaderSettings:
    """Limits of the hardened read-only connections (pcc.read.warehouse.connect_published)."""

    timeout_seconds: float  # 0: no timeout
    memory_limit: str
    threads: int


def reader_settings(environ: Mapping[str, str] | None = None) -> ReaderSettings:
    env = os.environ if environ is None else environ
    return ReaderSettings(
        timeout_seconds=_seconds(env, SQL_TIMEOUT_VAR, DEFAULT_SQL_TIMEOUT),
        memory_limit=_size(env, SQL_MEMORY_LIMIT_VAR, DEFAULT_SQL_MEMORY_LIMIT),
        threads=_positive_int(env, THREADS_VAR, int(DEFAULT_THREADS)),
    )


def ingest_settings(environ: Mapping[str, str] | None = None) -> IngestSettings:
    """The ingest's settings (DuckDB resources, revision threshold) from the environment."""
    from ingest.revision import DEFAULT_MAX_REMOVED_SHARE
    from ingest.settings import IngestSettings

    env = os.environ if environ is None else environ
    share = DEFAULT_MAX_REMOVED_SHARE
    found = _number(env, MAX_REMOVED_SHARE_VAR)
    if found is not None:
        if not 0 <= found[1] <= 1:
            raise SettingError(MAX_REMOVED_SHARE_VAR, found[0], "a share from 0 to 1")
        share = found[1]
    return IngestSettings(duckdb_config(), share)


def _raw(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    found = _number(env, name)
    if found is None:
        return default
    if not math.isfinite(found[1]) or found[1] < 0:
        raise SettingError(name, found[0], "a number of seconds (0 for no limit)")
    return found[1]


def _size(env: Mapping[str, str], name: str, default: str) -> str:
    value = _raw(env, name)
    if value is None:
        return default
    if not _SIZE.match(value):
        raise SettingError(name, value, "a size such as 2GB or 512MB")
    return value


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    value = _raw(env, name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SettingError(name, value, "a whole number of at least 1")
    return int(value)


# --- every setting, checked once at start-up ---------------------------------------------------

_UNSAFE_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))


def _data_dir(env: Mapping[str, str]) -> None:
    value = _raw(env, "PCC_DATA_DIR")
    if value is None:
        return
    path = Path(value).resolve()
    if any(path == root or root in path.parents for root in _UNSAFE_ROOTS):
        raise SettingError("PCC_DATA_DIR", value, "a data folder outside /proc, /sys and /dev")
    if path.exists() and not path.is_dir():
        raise SettingError("PCC_DATA_DIR", value, "a folder (it is a file)")


def _number(env: Mapping[str, str], name: str) -> tuple[str, float] | None:
    """The setting's text and its value as a float (NaN if it is not a number), or None."""
    value = _raw(env, name)
    if value is None:
        return None
    try:
        return value, float(value)
    except ValueError:
        return value, math.nan


def _positive_float(env: Mapping[str, str], name: str) -> None:
    found = _number(env, name)
    if found and not (math.isfinite(found[1]) and found[1] > 0):
        raise SettingError(name, found[0], "a positive number")


def _share(env: Mapping[str, str], name: str) -> None:
    found = _number(env, name)
    if found and not 0 <= found[1] <= 1:
        raise SettingError(name, found[0], "a share from 0 to 1")


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> None:
    value = _raw(env, name)
    if value is not None and value.lower() not in choices:
        raise SettingError(name, value, " or ".join(choices))


def validate_environment(environ: Mapping[str, str] | None = None) -> None:
    """Check every `PCC_*` setting before any command runs: a bad value is one line naming the
    setting (exit 2), never a traceback or a misleading message later."""
    env = os.environ if environ is None else environ
    _data_dir(env)
    reader_settings(env)
    _size(env, "PCC_DUCKDB_MEMORY_LIMIT", "8GB")
    temp = _raw(env, "PCC_DUCKDB_TEMP_DIR")
    if temp is not None and Path(temp).exists() and not Path(temp).is_dir():
        raise SettingError("PCC_DUCKDB_TEMP_DIR", temp, "a folder (it is a file)")
    _positive_float(env, "PCC_DQ_PLAUSIBILITY_SIGMA")
    _choice(env, "PCC_DQ_RECONCILIATION", ("critical", "warning"))
    _share(env, MAX_REMOVED_SHARE_VAR)
    _choice(env, "PCC_SAMPLE_BANNER", ("0", "1"))
    for name in sorted(n for n in env if n.startswith("PCC_DQ_LAG_")):
        value = env[name].strip()
        if value and not value.isdigit():
            raise SettingError(name, value, "a whole number of months")
