"""Home Office police recorded crime (PRC) open data, Police Force Area tables -> landing rows.

Reads the published workbook (.ods: one sheet per financial year named like 2019-20 or
2024_25; any other sheet is notes and is skipped) or a CSV export of one of its sheets. Both
vintages of the count column (`Number of Offences`, `Offence Count`) are accepted. Rows are kept
as published (force name variants and subgroup renames are resolved in dbt); a fault stops the
whole file with one line naming file, sheet, line, column and reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from ingest.contracts import MAX_INTEGER
from ingest.paths import SEEDS_DIR
from ingest.public.cells import cell_text, normalise_name, unknown_note
from ingest.public.tables import PRC_OFFENCES, to_arrow
from ingest.violation import FileRejected, Violation

COUNT_COLUMNS = ("Number of Offences", "Offence Count")  # older, newer vintage
REQUIRED = (
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Group",
    "Offence Subgroup",
    "Offence Code",
)
# Landing column for each published column (count handled separately).
LANDING_NAMES = {
    "Financial Year": "financial_year",
    "Financial Quarter": "financial_quarter",
    "Force Name": "force_name",
    "Offence Description": "offence_description",
    "Offence Group": "offence_group",
    "Offence Subgroup": "offence_subgroup",
    "Offence Code": "offence_code",
}
YEAR_SHEET = re.compile(r"^\s*(\d{4})\s*[-_/]\s*(\d{2})\s*$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}  # first calendar month of each financial quarter
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: '²' is a digit to str.isdigit
KEY = ("Financial Year", "Financial Quarter", "Force Name", "Offence Code")


@dataclass
class PrcRead:
    """Landing rows (without _file_sha256) as one Arrow table per sheet, and report notes."""

    parts: list = field(default_factory=list)  # pyarrow Tables
    notes: list[str] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)

    @property
    def rows(self) -> int:
        return sum(part.num_rows for part in self.parts)

    def add(self, columns: dict[str, list]) -> None:
        """Convert one sheet's lists to Arrow at once, so only one sheet is ever held as lists."""
        if not columns:
            return  # a sheet with a header and no rows
        self.codes.update(columns["offence_code"])
        self.parts.append(to_arrow(PRC_OFFENCES, columns))


def is_prc_header(names: Iterable) -> bool:
    found = {normalise_name(n) for n in names}
    return {"forcename", "offencecode", "financialquarter"} <= found


def read_prc_workbook(path: Path, display: str) -> PrcRead:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        reason = f"not a readable .ods workbook ({str(exc).splitlines()[0]})"
        raise FileRejected(Violation(display, None, None, reason)) from None
    result = PrcRead()
    skipped: list[str] = []
    year_sheets = 0
    for name in workbook.sheet_names:
        match = YEAR_SHEET.match(name)
        if match is None:
            skipped.append(name)
            continue
        year_sheets += 1
        where = f"{display} [sheet {name}]"
        expected_year = _sheet_year(match, where)
        # Keep empty leading rows so list index + 1 is the sheet's row number.
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not rows:
            raise FileRejected(Violation(where, None, None, "empty sheet: no header row"))
        lines = list(range(2, len(rows) + 1))
        result.add(_read_rows(rows[0], rows[1:], lines, where, name, expected_year))
        del rows  # one sheet in memory at a time
    if not year_sheets:
        reason = (
            "no financial-year sheets (named like 2019-20 or 2024_25) in the workbook; "
            f"sheets: {', '.join(workbook.sheet_names) or 'none'}"
        )
        raise FileRejected(Violation(display, None, None, reason))
    if skipped:
        result.notes.insert(
            0, f"skipped notes sheet{'s' if len(skipped) > 1 else ''}: " + ", ".join(skipped)
        )
    return _finish(result, display)


def read_prc_csv(text: str, display: str) -> PrcRead:
    result = PrcRead()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(Violation(display, None, None, "empty: no header row"))
    body, lines = [], []
    for row in reader:
        body.append(row)
        lines.append(reader.line_num)  # physical line where the record ends
    result.add(_read_rows(header, body, lines, display, None, None))
    return _finish(result, display)


# --- rows -------------------------------------------------------------------------------------


def _sheet_year(match: re.Match, where: str) -> str:
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        reason = f"sheet name is not a financial year (expected {start}-{(start + 1) % 100:02d})"
        raise FileRejected(Violation(where, None, None, reason))
    return f"{start}/{end:02d}"


def _header_positions(header: list, where: str) -> tuple[dict[str, int], int, str]:
    names = [normalise_name(h) for h in header]
    positions: dict[str, int] = {}
    for column in REQUIRED:
        key = normalise_name(column)
        if key in names:
            positions[column] = names.index(key)
    counts = [c for c in COUNT_COLUMNS if normalise_name(c) in names]
    missing = [c for c in REQUIRED if c not in positions]
    if len(missing) == len(REQUIRED):
        shown = ", ".join(cell_text(h) for h in header if cell_text(h)) or "an empty row"
        reason = (
            "unknown sheet layout: the first row is not the police recorded crime header "
            f"(found {shown})"
        )
        raise FileRejected(Violation(where, 1, None, reason))
    if missing:
        reason = "required column missing from the police recorded crime header"
        raise FileRejected(Violation(where, 1, ", ".join(missing), reason))
    if not counts:
        reason = "count column missing (expected 'Number of Offences' or 'Offence Count')"
        raise FileRejected(Violation(where, 1, " / ".join(COUNT_COLUMNS), reason))
    if len(counts) > 1:
        reason = "both count columns present: cannot tell which vintage this is"
        raise FileRejected(Violation(where, 1, ", ".join(counts), reason))
    return positions, names.index(normalise_name(counts[0])), counts[0]


def _read_rows(
    header: list,
    body: list[list],
    lines: list[int],
    where: str,
    sheet: str | None,
    expected_year: str | None,
) -> dict[str, list]:
    """One sheet (or CSV) column by column: far faster than row by row for 200k-row sheets.

    lines[i] is the sheet row or CSV line of body[i]. Every check finds its first bad row; the
    earliest of those is reported, as a row-by-row reader would.
    """
    positions, count_index, count_name = _header_positions(header, where)
    width = max(*positions.values(), count_index) + 1
    kept, kept_lines = [], []
    for row, line in zip(body, lines, strict=True):
        if not any(row):  # blank ('' or None everywhere); a lone 0 is no row either
            continue
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        kept.append(row)
        kept_lines.append(line)
    if not kept:
        return {}
    columns = list(zip(*kept, strict=False))
    text = {column: _texts(columns[index]) for column, index in positions.items()}
    problems: list[tuple[int, Violation]] = []

    quarter_of: dict[tuple[str, str], tuple[int, date]] = {}
    pairs = list(zip(text["Financial Year"], text["Financial Quarter"], strict=True))
    for i, pair in enumerate(pairs):
        if pair not in quarter_of:
            try:
                quarter_of[pair] = _quarter(*pair, where, kept_lines[i], expected_year)
            except FileRejected as rejected:
                problems.append((i, rejected.violation))
                break
    for column in ("Force Name", "Offence Code"):
        empty = next((i for i, v in enumerate(text[column]) if not v), None)
        if empty is not None:
            problems.append((empty, Violation(where, kept_lines[empty], column, "empty value")))
    counts, bad = _counts(columns[count_index])
    if bad is not None:
        shown = cell_text(columns[count_index][bad])
        reason = f"not a whole number: {repr(shown) if shown else 'empty'}"
        if _WHOLE.fullmatch(shown):
            reason = f"implausible count {shown} (at most {MAX_INTEGER:,} either way)"
        problems.append((bad, Violation(where, kept_lines[bad], count_name, reason)))
    seen: dict[tuple, int] = {}
    for i, key in enumerate(zip(*(text[c] for c in KEY), strict=True)):
        first = seen.setdefault(key, i)
        if first != i:
            shown = ", ".join(f"{c} {v}" for c, v in zip(KEY, key, strict=True))
            reason = f"row delivered twice: {shown} (rows {kept_lines[first]} and {kept_lines[i]})"
            problems.append((i, Violation(where, kept_lines[i], "Offence Code", reason)))
            break
    if problems:
        raise FileRejected(min(problems, key=lambda p: p[0])[1])

    parsed = [quarter_of[pair] for pair in pairs]
    n = len(kept)
    return {
        "financial_year": text["Financial Year"],
        "financial_quarter": [q for q, _ in parsed],
        "quarter_start": [start for _, start in parsed],
        "force_name": text["Force Name"],
        "offence_description": text["Offence Description"],
        "offence_group": text["Offence Group"],
        "offence_subgroup": text["Offence Subgroup"],
        "offence_code": text["Offence Code"],
        "offences": counts,
        "count_column": [count_name] * n,
        "_sheet": [sheet] * n,
        "_line_number": kept_lines,
    }


def _texts(values: tuple) -> list[str]:
    if all(type(v) is str for v in values):
        return [v.strip() for v in values]
    return [cell_text(v) for v in values]


def _counts(values: tuple) -> tuple[list[int], int | None]:
    """Whole counts, and the index of the first value that is not one.

    Counts are signed: crimes recorded in an earlier quarter and later transferred or
    cancelled are taken off in a later quarter as negative rows (Home Office user guide).
    """
    out: list[int] = []
    append = out.append
    for i, v in enumerate(values):
        kind = type(v)
        number = None
        if kind is float:
            if v.is_integer():
                number = int(v)
        elif kind is int:
            number = v
        elif kind is str:
            stripped = v.strip()
            if _WHOLE.fullmatch(stripped):
                number = int(stripped)
        if number is None or abs(number) > MAX_INTEGER:
            return out, i
        append(number)
    return out, None


def _quarter(
    fy: str, quarter: str, where: str, line: int, expected_year: str | None
) -> tuple[int, date]:
    match = _FINANCIAL_YEAR.match(fy)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        reason = f"not a financial year like 2017/18: {fy!r}"
        raise FileRejected(Violation(where, line, "Financial Year", reason))
    if expected_year is not None and fy != expected_year:
        reason = f"{fy} in the sheet for {expected_year}"
        raise FileRejected(Violation(where, line, "Financial Year", reason))
    if quarter not in ("1", "2", "3", "4"):
        reason = f"not a financial quarter 1-4: {quarter!r}"
        raise FileRejected(Violation(where, line, "Financial Quarter", reason))
    number = int(quarter)
    year = int(match.group(1)) + (1 if number == 4 else 0)
    return number, date(year, _QUARTER_MONTH[number], 1)


def _finish(result: PrcRead, display: str) -> PrcRead:
    if not result.rows:
        raise FileRejected(Violation(display, None, None, "no data rows"))
    unknown = result.codes - known_offence_codes()
    if unknown:
        kept = "kept, counted by their published group"
        result.notes.append(unknown_note(unknown, "offence code", "offence_codes.csv", kept))
    return result


@cache
def known_offence_codes() -> frozenset[str]:
    """Open-data codes of the reference list (the combined homicide code included)."""
    with open(SEEDS_DIR / "offence_codes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return frozenset(r["open_data_code"] for r in rows) | frozenset(r["offence_code"] for r in rows)
