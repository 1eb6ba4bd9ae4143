"""Where the ingest keeps things under a data folder, and the repo's reference seeds.

The application (pcc.paths.DataPaths) adds its own locations (warehouse, build folder) and
decides where the data folder is; the library only takes the folder it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "dbt_project" / "seeds"  # reference lists the contracts check against


@dataclass(frozen=True)
class StorePaths:
    """The ingest's locations under one data folder."""

    root: Path

    @property
    def raw(self) -> Path:
        """Where deliveries are dropped (the default folder to ingest)."""
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
    def quarantine_dir(self) -> Path:
        """Revisions held back until a person accepts them, one folder per manifest row."""
        return self.landing_dir / "quarantine"

    @property
    def quality_dir(self) -> Path:
        """Great Expectations run-time output: validation results and the Data Docs site."""
        return self.root / "quality"
