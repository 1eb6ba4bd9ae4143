"""Byte-for-byte reproducible extract files: CSV in contract column order, gzip without
timestamp or file name, so the same seed always gives the same bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl

from ingest.contracts import CONTRACTS


def csv_bytes(frame: pl.DataFrame, source: str) -> bytes:
    columns = list(CONTRACTS[source].column_names)
    if list(frame.columns) != columns:
        raise ValueError(f"{source}: columns {frame.columns} are not the contract's {columns}")
    text = frame.write_csv(
        None, date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M", null_value=""
    )
    return text.encode("utf-8")


def write_gzip(path: Path, data: bytes) -> int:
    """Write gzip with mtime 0 and no embedded name; returns the compressed size."""
    payload = gzip.compress(data, compresslevel=9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(payload)
    tmp.replace(path)
    return len(payload)
