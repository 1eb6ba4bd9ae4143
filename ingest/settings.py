"""The ingest's settings, passed in by the application (which reads and checks them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.revision import DEFAULT_MAX_REMOVED_SHARE


@dataclass(frozen=True)
class IngestSettings:
    # passed to duckdb.connect: threads, memory_limit, temp_directory
    duckdb_config: dict[str, str] = field(default_factory=dict)
    # a revision removing more of a month's rows than this is quarantined
    max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE
