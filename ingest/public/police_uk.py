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

from ingest.public.cells import coordinate, data_rows, normalise_name
from ingest.public.stop_search import is_stop_search_header, read_stop_search
from ingest.public.tables import PUBLIC_TABLES, STOP_SEARCH, STREET_CRIMES, STREET_OUTCOMES
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


@dataclass
class PoliceUkRead:
    """Landing columns per table (without _file_sha256), notes for the load report, and the
    (scope, month)s each table's files cover (a stop and search file without searches too)."""

    tables: dict[str, dict[str, list]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    covered: dict[str, set[tuple[str, date]]] = field(default_factory=dict)


def police_uk_kind(header: list[str]) -> str | None:
    if is_stop_search_header(header):
        return STOP_SEARCH
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
            if not name.lower().endswith(".csv"):
                reason = (
                    "not a police.uk CSV "
                    "(expected *-street.csv, *-outcomes.csv or *-stop-and-search.csv)"
                )
                raise FileRejected(Violation(where, None, None, reason))
            text = _decode(archive.read(info), where)
            _read_member(result, text, where, name)
    if not result.tables:
        reason = "no street, outcomes or stop and search CSVs in the zip"
        raise FileRejected(Violation(display, None, None, reason))
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
        reason = (
            "unknown police.uk layout (expected the street, outcomes or stop and search header; "
            f"street and outcomes are: {expected})"
        )
        raise FileRejected(Violation(where, 1, None, reason))
    if table == STOP_SEARCH:
        landing = [c for c in PUBLIC_TABLES[table] if not c.startswith("_")]
        cols = result.tables.setdefault(
            table, {n: [] for n in (*landing, "_member", "_line_number")}
        )
        result.covered.setdefault(table, set()).add(read_stop_search(text, where, member, cols))
        return
    published = HEADERS[table]
    landing = [c for c in PUBLIC_TABLES[table] if not c.startswith("_")]
    names = [normalise_name(h) for h in header]
    order = [names.index(normalise_name(c)) for c in published]
    cols = result.tables.setdefault(table, {n: [] for n in (*landing, "_member", "_line_number")})
    month_at, lon_at, lat_at = order[1], order[4], order[5]
    months: dict[str, date] = {}
    ids: dict[str, int] = {}  # Crime ID -> line: one row per crime (empty for ASB)
    for line, row in data_rows(reader, len(header), where):
        month_text = row[month_at].strip()
        month = months.get(month_text)
        if month is None:
            month = _month(month_text, where, line)
            months[month_text] = month
        lon = coordinate(row[lon_at], where, line, "Longitude")
        lat = coordinate(row[lat_at], where, line, "Latitude")
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
