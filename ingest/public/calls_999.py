"""Home Office 999 call answer-time data, per force and month -> landing rows.

Published monthly since November 2021, one month in arrears (House of Lords written answer
HL1958, 6 November 2024): per force and month the number of 999 calls, the number answered in
under 10 seconds, in 10 to under 60 seconds and in 60 seconds or more, and the average time to
answer. No published file could be opened on this machine, so the column names below are
ASSUMED from that description (docs/public_data.md lists them); each has the variants a renamed
vintage may use. A column that is none of them stops the file (never a silent drop); published
percentage columns are recognised and not loaded (dbt recomputes every percentage from the
counts). Rows are kept as published: force name variants are resolved in dbt.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from ingest.contracts import MAX_INTEGER
from ingest.paths import SEEDS_DIR
from ingest.public.cells import unknown_note
from ingest.public.tables import CALLS_999
from ingest.violation import FileRejected, Violation

# Landing column -> the published names it is recognised by (compared by _key).
COLUMNS: dict[str, tuple[str, ...]] = {
    "force_name": ("Force", "Force name", "Police force", "Police force area"),
    "month": ("Month", "Date", "Period", "Month of call"),
    "calls": ("Total calls", "Number of calls", "Total 999 calls", "Calls", "Calls received"),
    "answered_under_10s": (
        "Calls answered in under 10 seconds",
        "Answered in under 10 seconds",
        "Under 10 seconds",
        "Calls answered in less than 10 seconds",
        "Less than 10 seconds",
    ),
    "answered_10_to_60s": (
        "Calls answered in 10 to under 60 seconds",
        "Calls answered between 10 and under 60 seconds",
        "Answered in 10 to under 60 seconds",
        "10 to under 60 seconds",
        "Between 10 and 60 seconds",
    ),
    "answered_60s_or_more": (
        "Calls answered in 60 seconds or more",
        "Answered in 60 seconds or more",
        "60 seconds or more",
        "60 seconds or longer",
        "Over 60 seconds",
    ),
    "average_answer_seconds": (
        "Average time to answer (seconds)",
        "Average time to answer",
        "Average answer time (seconds)",
        "Average answer time",
        "Mean time to answer (seconds)",
    ),
}
COUNTS = ("calls", "answered_under_10s", "answered_10_to_60s", "answered_60s_or_more")
BANDS = COUNTS[1:]
_PERCENT = re.compile(r"^(%|percentage|percent|pct|proportion|share)")
_WHOLE = re.compile(r"[0-9]+")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$")  # 2024-03, 2024-03-01
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # 01/03/2024
_NAMED = re.compile(r"^([a-z]+)[\s\-]+(\d{2}|\d{4})$")  # Mar-24, March 2024


def _key(name: str) -> str:
    """Names compare ignoring case, spaces, underscores and punctuation other than %."""
    return "".join(c for c in name.strip().lower() if c.isalnum() or c == "%")


_ALIASES = {_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class Calls999Read:
    """Landing columns (without _file_sha256) and report notes."""

    tables: dict[str, dict[str, list]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_calls_999_header(names: Iterable) -> bool:
    """A force column and a calls-answered-under-10-seconds column (in any vintage's words)."""
    found = {_ALIASES.get(_key(str(n))) for n in names}
    return {"force_name", "answered_under_10s"} <= found


def _positions(header: list[str], where: str) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = _key(name)
        if not key:
            if name.strip():
                raise FileRejected(Violation(where, 1, name, "unknown column"))
            continue  # a trailing empty column of a spreadsheet export
        column = _ALIASES.get(key)
        if column is None:
            if _PERCENT.match(key) or key.endswith("%"):
                ignored.append(name.strip())  # recomputed from the counts in dbt
                continue
            reason = (
                "unknown column in the 999 answer-time data (known: "
                + "; ".join(aliases[0] for aliases in COLUMNS.values())
                + ")"
            )
            raise FileRejected(Violation(where, 1, name.strip(), reason))
        if column in positions:
            first = header[positions[column]].strip()
            reason = f"two columns for {column}: {first!r} and {name.strip()!r}"
            raise FileRejected(Violation(where, 1, name.strip(), reason))
        positions[column] = index
    missing = [COLUMNS[c][0] for c in COLUMNS if c not in positions]
    if missing:
        reason = "required column missing from the 999 answer-time header"
        raise FileRejected(Violation(where, 1, ", ".join(missing), reason))
    return positions, ignored


def parse_month(text: str) -> date | None:
    """The first day of the month a published period names, or None."""
    value = text.strip().lower()
    match = _ISO.match(value)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3) or 1)
        return date(year, month, 1) if 1 <= month <= 12 and day == 1 else None
    match = _DMY.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, 1) if 1 <= month <= 12 and day == 1 else None
    match = _NAMED.match(value)
    if match and match.group(1) in _MONTHS:
        year = int(match.group(2))
        return date(year + 2000 if year < 100 else year, _MONTHS[match.group(1)], 1)
    return None


def _count(text: str, where: str, line: int, column: str) -> int:
    value = text.strip().replace(",", "")
    if not _WHOLE.fullmatch(value):
        shown = repr(text.strip()) if text.strip() else "empty"
        raise FileRejected(Violation(where, line, column, f"not a whole number >= 0: {shown}"))
    number = int(value)
    if number > MAX_INTEGER:
        reason = f"implausible count {number} (at most {MAX_INTEGER:,})"
        raise FileRejected(Violation(where, line, column, reason))
    return number


def _seconds(text: str, calls: int, where: str, line: int, column: str) -> float | None:
    value = text.strip()
    if not value and calls == 0:
        return None  # no call, no average
    try:
        seconds = Decimal(value)
    except InvalidOperation:
        shown = repr(value) if value else "empty"
        raise FileRejected(Violation(where, line, column, f"not a number: {shown}")) from None
    if not seconds.is_finite() or seconds < 0:
        raise FileRejected(Violation(where, line, column, f"not a number of seconds: {value}"))
    return float(seconds)


def read_calls_999_csv(text: str, display: str) -> Calls999Read:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(Violation(display, None, None, "empty: no header row"))
    positions, ignored = _positions(header, display)
    names = {c: header[i].strip() for c, i in positions.items()}
    width = max(positions.values()) + 1
    out: dict[str, list] = {c: [] for c in COLUMNS}
    out["_line_number"] = []
    seen: dict[tuple[str, date], int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        cell = {c: row[i] for c, i in positions.items()}
        force = cell["force_name"].strip()
        if not force:
            raise FileRejected(Violation(display, line, names["force_name"], "empty value"))
        month = parse_month(cell["month"])
        if month is None:
            reason = f"not a month like 2024-03 or Mar-24: {cell['month'].strip()!r}"
            raise FileRejected(Violation(display, line, names["month"], reason))
        counts = {c: _count(cell[c], display, line, names[c]) for c in COUNTS}
        banded = sum(counts[c] for c in BANDS)
        if banded != counts["calls"]:
            reason = (
                f"the three answer-time bands sum to {banded:,}, not the {counts['calls']:,} "
                "calls of the row"
            )
            raise FileRejected(Violation(display, line, names["calls"], reason))
        key = (force.lower(), month)
        if key in seen:
            reason = f"row delivered twice: {force}, {month:%Y-%m} (lines {seen[key]} and {line})"
            raise FileRejected(Violation(display, line, names["force_name"], reason))
        seen[key] = line
        seconds = _seconds(
            cell["average_answer_seconds"],
            counts["calls"],
            display,
            line,
            names["average_answer_seconds"],
        )
        out["force_name"].append(force)
        out["month"].append(month)
        for column in COUNTS:
            out[column].append(counts[column])
        out["average_answer_seconds"].append(seconds)
        out["_line_number"].append(line)
    if not out["force_name"]:
        raise FileRejected(Violation(display, None, None, "no data rows"))
    out["header_names"] = ["; ".join(names[c] for c in COLUMNS)] * len(out["force_name"])
    result = Calls999Read(tables={CALLS_999: out})
    if ignored:
        result.notes.append(
            "percentage columns not loaded (dbt computes them): " + ", ".join(ignored)
        )
    unknown = {f for f in out["force_name"] if f.lower() not in known_force_names()}
    if unknown:
        result.notes.append(unknown_note(unknown, "force name", "forces.csv", "kept, not ranked"))
    return result


@cache
def known_force_names() -> frozenset[str]:
    """Every name and variant of forces.csv, lower-cased (as int_public__force_names)."""
    with open(SEEDS_DIR / "public" / "forces.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {r["force_name"] for r in rows}
    names |= {v for r in rows for v in (r["name_variants"] or "").split(";")}
    return frozenset(n.strip().lower() for n in names if n.strip())
