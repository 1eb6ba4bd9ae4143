"""The ingest library's own error: an expected failure, reported by the caller in one line."""

from __future__ import annotations


class IngestError(Exception):
    """The ingest cannot go on (store locked or unreadable, a path that does not exist).

    A bad file is never an IngestError: it is a rejected FileResult and the others still load.
    """
