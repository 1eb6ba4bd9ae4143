"""The ingest library's own error: an expected failure, reported by the caller in one line."""

from __future__ import annotations


class IngestError(Exception):
    """The ingest cannot go on (store locked or unreadable, a path that does not exist).

    A bad file is never an IngestError: it is a rejected FileResult and the others still load.
    """


class DownloadError(Exception):
    """A public download a standalone loader (`python -m ingest.public.stats19`, `python -m
    ingest.public.rural_urban`) cannot read as published: one line naming file, line, column
    and reason; the loader exits 1 and leaves its output as it was."""
