"""Byte-for-byte reproducible extract files: CSV in contract column order, written by
ingest.extract_file.write_gzip (no timestamp or file name), so the same seed always gives the
same bytes."""

from __future__ import annotations

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
