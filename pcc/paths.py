"""Where things live. PCC_DATA_DIR is the one setting that locates data; the rest is the repo."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_ROOT / "dbt_project" / "seeds"
PROFILES_DIR = PROJECT_ROOT / "dbt_project"


@dataclass(frozen=True)
class DataPaths:
    """Every file location derived from PCC_DATA_DIR (default ./data)."""

    root: Path

    @classmethod
    def from_env(cls) -> DataPaths:
        return cls(Path(os.environ.get("PCC_DATA_DIR", "data")).resolve())

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def landing_dir(self) -> Path:
        return self.root / "landing"

    @property
    def landing_db(self) -> Path:
        """Typed rows of every accepted file and the load manifest."""
        return self.landing_dir / "landing.duckdb"

    @property
    def archive_dir(self) -> Path:
        """A byte-for-byte copy of every accepted file, named by its SHA-256."""
        return self.landing_dir / "files"

    @property
    def warehouse(self) -> Path:
        """The published warehouse: replaced atomically, only ever opened read-only by readers."""
        return self.root / "warehouse.duckdb"

    @property
    def build_dir(self) -> Path:
        """Scratch space for a refresh: new warehouse files, dbt target and logs."""
        return self.root / "build"

    @property
    def quality_dir(self) -> Path:
        """Great Expectations run-time output: validation results and the Data Docs site."""
        return self.root / "quality"

    @property
    def refresh_log(self) -> Path:
        """One JSON line per refresh attempt, successful or not."""
        return self.root / "refresh_log.jsonl"
