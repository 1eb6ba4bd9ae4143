"""Writing an extract file reproducibly: gzip without timestamp or file name, replaced
atomically, so the same rows always give the same bytes (the STATS19 loader, the sample)."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_gzip(path: Path, data: bytes) -> int:
    """Write gzip with mtime 0 and no embedded name; returns the compressed size."""
    payload = gzip.compress(data, compresslevel=9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(payload)
    tmp.replace(path)
    return len(payload)
