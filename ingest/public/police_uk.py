"""data.police.uk street-level crime and outcomes files -> landing rows.

A file is one CSV (`2016-07-kent-street.csv`, `...-outcomes.csv`), found on its own or in a
monthly folder, or a zip archive of monthly folders as police.uk hands them out. Anti-social
behaviour rows have no Crime ID: they are kept and counted. Stop-and-search files in an archive
are outside this warehouse and are skipped (and said so).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.public.cells import normalise_name
from ingest.public.tables import PUBLIC_TABLES, STREET_CRIMES, STREET_OUTCOMES
from ingest.violation import FileRejected, Violation

PLACE = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
)
HEADERS = {
    STREET_CRIMES: (*PLACE, "Crime type", "Last outcome category", "Context"),
    STREET_OUTCOMES: (*PLACE, "Outcome type"),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_MONTH = date(2010, 12, 1)  # police.uk street-level data starts in December 2010
# Longitude and latitude of the UK and its waters (police.uk leaves unknown places empty).
UK_BOUNDS = {"Longitude": (-8.7, 1.8), "Latitude": (49.8, 60.9)}
_SKIPPED_MEMBER = re.compile(r"-stop-and-search\.csv$", re.IGNORECASE)


@dataclass
class PoliceUkRead:
    """Landing columns per table (without _file_sha256), and notes for the load report."""

    tables: dict[str, dict[str, list]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def police_uk_kind(header: list[str]) -> str | None:
    names = [normalise_name(h) for h in header]
    for table, columns in HEADERS.items():
        if sorted(names) == sorted(normalise_name(c) for c in columns):
            return table
    return None


def read_police_uk_csv(text: str, display: str, member: str) -> PoliceUkRead:
    result = PoliceUkRead()
    _read_member(result, text, display, member)
    return result


def read_police_uk_zip(path: Path, display: str) -> PoliceUkRead:
    result = PoliceUkRead()
    skipped = 0
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRejected(Violation(display, None, None, f"not a readable zip ({exc})")) from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or Path(name).name.startswith("."):
                continue
            where = f"{display} [{name}]"
            if _SKIPPED_MEMBER.search(name):
                skipped += 1
                continue
            if not name.lower().endswith(".csv"):
                reason = "not a police.uk CSV (expected *-street.csv or *-outcomes.csv)"
                raise FileRejected(Violation(where, None, None, reason))
            text = _decode(archive.read(info), where)
            _read_member(result, text, where, name)
    if not result.tables:
        raise FileRejected(Violation(display, None, None, "no street or outcomes CSVs in the zip"))
    if skipped:
        result.notes.append(f"skipped {skipped} stop-and-search file{'s' * (skipped > 1)}")
    return result


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not UTF-8 (byte 0x{data[exc.start]:02X})"
        raise FileRejected(Violation(where, line, None, reason)) from None


def _read_member(result: PoliceUkRead, text: str, where: str, member: str) -> None:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(Violation(where, None, None, "empty: no header row"))
    table = police_uk_kind(header)
    if table is None:
        expected = " or ".join(", ".join(h) for h in HEADERS.values())
        reason = f"unknown police.uk layout (expected the street or outcomes header: {expected})"
        raise FileRejected(Violation(where, 1, None, reason))
    published = HEADERS[table]
    landing = [c for c in PUBLIC_TABLES[table] if not c.startswith("_")]
    names = [normalise_name(h) for h in header]
    order = [names.index(normalise_name(c)) for c in published]
    cols = result.tables.setdefault(table, {n: [] for n in (*landing, "_member", "_line_number")})
    month_at, lon_at, lat_at = order[1], order[4], order[5]
    months: dict[str, date] = {}
    ids: dict[str, int] = {}  # Crime ID -> line: one row per crime (empty for ASB)
    width = len(header)
    for row in reader:
        line = reader.line_num
        if not any(field.strip() for field in row):
            continue
        if len(row) != width:
            reason = f"{len(row)} fields, the header has {width}"
            raise FileRejected(Violation(where, line, None, reason))
        month_text = row[month_at].strip()
        month = months.get(month_text)
        if month is None:
            month = _month(month_text, where, line)
            months[month_text] = month
        lon = _coordinate(row[lon_at], where, line, "Longitude")
        lat = _coordinate(row[lat_at], where, line, "Latitude")
        crime_id = row[order[0]].strip()
        if crime_id:
            first = ids.setdefault(crime_id, line)
            if first != line:
                reason = f"Crime ID {crime_id!r} twice (lines {first} and {line})"
                raise FileRejected(Violation(where, line, "Crime ID", reason))
        for column, index in zip(landing, order, strict=True):
            cols[column].append(row[index].strip() or None)
        cols["month"][-1] = month
        cols["longitude"][-1] = lon
        cols["latitude"][-1] = lat
        cols["_member"].append(member)
        cols["_line_number"].append(line)
        kind = cols["crime_type"][-1] if table == STREET_CRIMES else cols["outcome_type"][-1]
        if kind is None:
            column = "Crime type" if table == STREET_CRIMES else "Outcome type"
            raise FileRejected(Violation(where, line, column, "empty value"))


def _month(text: str, where: str, line: int) -> date:
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise FileRejected(Violation(where, line, "Month", f"not a month as YYYY-MM: {text!r}"))
    month = date(int(match.group(1)), int(match.group(2)), 1)
    latest = date.today().replace(day=1)
    if not FIRST_MONTH <= month <= latest:
        reason = (
            f"month {text} outside police.uk's range "
            f"({FIRST_MONTH:%Y-%m} to this month, {latest:%Y-%m})"
        )
        raise FileRejected(Violation(where, line, "Month", reason))
    return month


def _coordinate(text: str, where: str, line: int, column: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FileRejected(Violation(where, line, column, f"not a number: {text!r}")) from None
    low, high = UK_BOUNDS[column]
    if not low <= value <= high:  # also NaN and infinities
        reason = f"{text} is not a {column.lower()} in the UK ({low} to {high})"
        raise FileRejected(Violation(where, line, column, reason))
    return value
