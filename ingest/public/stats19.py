"""DfT road safety data (STATS19) -> the road_casualties extract: Kent's casualties, one a row.

    python -m ingest.public.stats19 --collisions FILE... --casualties FILE... --out road_casualties.csv.gz

Reads the Department for Transport's collision and casualty files by their published column
names, in both vintages: the older `accident_index`, `accident_year`, `accident_reference`
and the newer `collision_index`, `collision_year`, `collision_ref_no` (a file may be plain CSV
or gzipped). Kent is the collisions whose `local_authority_ons_district` is one of the
districts in dbt_project/seeds/districts.csv (Kent's 12 districts and Medway). Each casualty of
such a collision becomes a row of the road_casualties contract (ingest/contracts.py), with the
collision's `date` (published as DD/MM/YYYY) and `casualty_severity` as published (the codes
are read as data in dbt: seed stats19_casualty_severity).

A file that cannot be read as published is refused with one line naming the file, line,
column and reason, exit code 1, and the output file is left as it was.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ingest.contracts import reference_values
from ingest.errors import DownloadError
from ingest.extract_file import write_gzip

VINTAGES = {  # index column -> the vintage's name for its year column
    "collision_index": "collision_year",
    "accident_index": "accident_year",
}
COLLISION_COLUMNS = ("date", "local_authority_ons_district")
CASUALTY_COLUMNS = ("casualty_reference", "casualty_severity")
SEVERITY_CODES = frozenset({"1", "2", "3"})
OUTPUT_COLUMNS = (
    "collision_index",
    "casualty_reference",
    "collision_date",
    "district_code",
    "casualty_severity",
)


@dataclass(frozen=True)
class Collision:
    collision_date: date
    district_code: str | None  # None: not in Kent


def _rows(path: Path, needed: tuple[str, ...]) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """(index column, [(line, row)]) of a STATS19 file, checking the published header."""
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8-sig")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise DownloadError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    index = next((c for c in VINTAGES if c in header), None)
    if index is None:
        raise DownloadError(
            f"{path}:1: column collision_index: missing (neither collision_index nor "
            "accident_index: not a STATS19 file)"
        )
    for column in needed:
        if column not in header:
            raise DownloadError(f"{path}:1: column {column}: missing from the header")
    reader.fieldnames = header
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row:
            raise DownloadError(f"{path}:{line}: column {header[-1]}: more fields than the header")
        rows.append((line, row))
    return index, rows


def _date(value: str, path: Path, line: int) -> date:
    try:
        day, month, year = (int(part) for part in value.strip().split("/"))
        return date(year, month, day)
    except ValueError:
        raise DownloadError(
            f"{path}:{line}: column date: {value!r} is not a DD/MM/YYYY date"
        ) from None


def read_collisions(paths: list[Path]) -> dict[str, Collision]:
    kent = reference_values("districts")
    collisions: dict[str, Collision] = {}
    for path in paths:
        index, rows = _rows(path, COLLISION_COLUMNS)
        for line, row in rows:
            key = (row[index] or "").strip()
            if not key:
                raise DownloadError(f"{path}:{line}: column {index}: empty")
            if key in collisions:
                raise DownloadError(f"{path}:{line}: column {index}: {key} appears twice")
            district = (row["local_authority_ons_district"] or "").strip()
            collisions[key] = Collision(
                _date(row["date"] or "", path, line), district if district in kent else None
            )
    return collisions


def kent_casualties(collision_files: list[Path], casualty_files: list[Path]) -> list[dict]:
    collisions = read_collisions(collision_files)
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for path in casualty_files:
        index, rows = _rows(path, CASUALTY_COLUMNS)
        for line, row in rows:
            key = (row[index] or "").strip()
            collision = collisions.get(key)
            if collision is None:
                raise DownloadError(
                    f"{path}:{line}: column {index}: collision {key!r} is not in the collision files"
                )
            severity = (row["casualty_severity"] or "").strip()
            if severity not in SEVERITY_CODES:
                raise DownloadError(
                    f"{path}:{line}: column casualty_severity: {severity!r} is not 1, 2 or 3"
                )
            reference = (row["casualty_reference"] or "").strip()
            if not reference.isdigit():
                raise DownloadError(
                    f"{path}:{line}: column casualty_reference: {reference!r} is not a number"
                )
            if (key, reference) in seen:
                raise DownloadError(
                    f"{path}:{line}: column casualty_reference: casualty {reference} of "
                    f"{key} appears twice"
                )
            seen.add((key, reference))
            if collision.district_code is None:
                continue  # outside Kent
            out.append(
                {
                    "collision_index": key,
                    "casualty_reference": int(reference),
                    "collision_date": collision.collision_date.isoformat(),
                    "district_code": collision.district_code,
                    "casualty_severity": int(severity),
                }
            )
    out.sort(key=lambda r: (r["collision_date"], r["collision_index"], r["casualty_reference"]))
    return out


def extract_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.public.stats19", description=__doc__)
    parser.add_argument("--collisions", type=Path, nargs="+", required=True)
    parser.add_argument("--casualties", type=Path, nargs="+", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        rows = kent_casualties(args.collisions, args.casualties)
    except DownloadError as exc:
        print(f"pcc: error: {exc}", file=sys.stderr)
        return 1
    write_gzip(args.out, extract_bytes(rows))
    print(f"wrote {len(rows)} Kent casualties to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
