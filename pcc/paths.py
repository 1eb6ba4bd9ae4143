"""Where things live. PCC_DATA_DIR is the one setting that locates data; the rest is the repo."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ingest.paths import SEEDS_DIR, StorePaths

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROFILES_DIR = PROJECT_ROOT / "dbt_project"

__all__ = ["PROFILES_DIR", "PROJECT_ROOT", "SEEDS_DIR", "DataPaths"]


@dataclass(frozen=True)
class DataPaths(StorePaths):
    """Every file location derived from PCC_DATA_DIR (default ./data): the ingest's
    (raw, landing, archive, quality) and the application's (warehouse, build, refresh log)."""

    @classmethod
    def from_env(cls) -> DataPaths:
        return cls(Path(os.environ.get("PCC_DATA_DIR", "data")).resolve())

    @property
    def warehouse(self) -> Path:
        """The published warehouse: replaced atomically, only ever opened read-only by readers."""
        return self.root / "warehouse.duckdb"

    @property
    def build_dir(self) -> Path:
        """Scratch space for a refresh: new warehouse files, dbt target and logs."""
        return self.root / "build"

    @property
    def refresh_log(self) -> Path:
        """One JSON line per refresh attempt, successful or not."""
        return self.root / "refresh_log.jsonl"
