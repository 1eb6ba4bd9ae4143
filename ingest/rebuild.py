"""Rebuild a landing store from its archive alone, replaying the loads in the order they ran.

Each load's file is archived as files/<load_id>/<name> (quarantined ones under quarantine/),
so the folder numbers give the order; a replay in any other order (say by hash) would let an
original supersede its own revision again. Replayed loads are not judged again (completeness,
removal share, staleness): they were accepted when first delivered.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from ingest.errors import IngestError
from ingest.landing import ARCHIVE_FOLDER
from ingest.paths import StorePaths
from ingest.pipeline import ingest_paths
from ingest.public.load import is_public
from ingest.report import IngestReport
from ingest.settings import IngestSettings


def archived_loads(archive: StorePaths) -> list[tuple[int, Path, bool]]:
    """(load id, archived file, quarantined) of every archived load, in load order."""
    found = []
    for under, held in ((archive.archive_dir, False), (archive.quarantine_dir, True)):
        for folder in under.iterdir() if under.is_dir() else ():
            if ARCHIVE_FOLDER.match(folder.name):
                found += [(int(folder.name), f, held) for f in folder.iterdir() if f.is_file()]
    return sorted(found)


def rebuild_landing(
    archive: StorePaths, target: StorePaths, settings: IngestSettings | None = None
) -> IngestReport:
    """Replay every archived load of `archive` into the new landing store of `target`."""
    if target.landing_db.exists():
        raise IngestError(f"{target.landing_db} exists: a rebuild writes a new landing store")
    loads = archived_loads(archive)
    held = tuple(path for _, path, quarantined in loads if quarantined)
    report = IngestReport()
    # Public files and extracts go through different readers: keep each run of one kind in
    # order (ingest_paths loads public files first).
    for _, run in groupby((path for _, path, _ in loads), key=is_public):
        part = ingest_paths(list(run), target, settings, replay=True, held=held)
        report.files += part.files
        report.quality_seconds += part.quality_seconds
    return report
