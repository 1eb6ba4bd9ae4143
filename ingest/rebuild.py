"""Rebuild a landing store from its archive alone, replaying the loads in the order they ran.

Each load's file is archived as files/<load_id>/<name> (quarantined ones under quarantine/),
so the folder numbers give the order; a replay in any other order (say by hash) would let an
original supersede its own revision again. Replayed loads are not judged again (completeness,
removal share, staleness): they were accepted when first delivered.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from itertools import groupby
from pathlib import Path

from ingest.errors import IngestError
from ingest.landing import ARCHIVE_FOLDER, acquire
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


def rebuild_in_place(data: StorePaths, scratch: Path, settings: IngestSettings | None = None):
    """Rebuild data's missing landing store from its own archive (via a store under scratch)."""
    if data.landing_db.exists():
        raise IngestError(
            f"{data.landing_db} exists: move it away first to rebuild it from the archive"
        )
    if not archived_loads(data):
        raise IngestError(f"no archived loads in {data.archive_dir}: nothing to rebuild from")
    shutil.rmtree(scratch, ignore_errors=True)
    report = rebuild_landing(data, StorePaths(scratch), settings)
    rebuilt = StorePaths(scratch).landing_db
    lock = acquire(data.landing_dir / ".lock", fcntl.LOCK_EX)
    try:
        if data.landing_db.exists():
            raise IngestError(f"{data.landing_db} appeared during the rebuild; kept it")
        os.replace(rebuilt, data.landing_db)  # its archive paths are the same relative paths
    finally:
        lock.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return report
