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
from ingest.public.tables import PRC_OFFENCES, PRC_OUTCOMES, PRC_SUBSET_OUTCOMES, to_arrow
from ingest.violation import FileRejected, Violation

OFFENCE_COLUMNS = (
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Group",
    "Offence Subgroup",
    "Offence Code",
)
COUNT_COLUMNS = ("Number of Offences", "Offence Count")  # older, newer vintage
# The crime outcomes tables add the outcome to the offence columns, and two counts: outcomes
# given (by publication) to offences recorded in the quarter, and outcomes of investigations
# closed in the quarter, whenever the offence was recorded. Names as public code reading the
# year ending March 2026 file spells them, then the variants other vintages and the drug
# subcode table use (docs/public_data.md: not checked against a file here).
OUTCOME_COLUMNS = ("Outcome Type", "Outcome Description", "Outcome Group")
OUTCOME_COUNTS = {
    "outcomes_for_offences_recorded": (
        "Outcomes for offences that were recorded in the quarter",
        "Number of Outcomes for offences that were recorded in the quarter",
        "Force outcomes for offences recorded in quarter",
    ),
    "outcomes_closed": (
        "Outcomes for investigations closed in the quarter",
        "Number of Outcomes for investigations that were closed in the quarter",
        "Force outcomes recorded in quarter",
    ),
}
EXPIRED = "Offence code expired"  # optional: 'x' where the code is no longer used
# A count the tables do not give: not applicable, the code expired, or the force supplied none.
_NOT_GIVEN = re.compile(r"^(na|n/a.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """One Home Office open data table of offences by force and quarter.

    counts maps each landing count column to the published names its vintages use; a layout
    with a `vintage` column records which name the file used.
    """

    table: str
    title: str  # in messages: "police recorded crime"
    required: tuple[str, ...]  # text columns, each landing as its snake-case name
    counts: dict[str, tuple[str, ...]]
    key: tuple[str, ...]  # one row per key
    vintage: str | None = None
    numbered: tuple[str, ...] = ()  # text columns whose values must be whole numbers
    optional: tuple[str, ...] = ()  # text columns a vintage may leave out (then empty)
    not_given: bool = False  # N/A counts land as NULL (not 0) instead of refusing the file


OFFENCES = Layout(
    PRC_OFFENCES,
    "police recorded crime",
    OFFENCE_COLUMNS,
    {"offences": COUNT_COLUMNS},
    ("Financial Year", "Financial Quarter", "Force Name", "Offence Code"),
    vintage="count_column",
)
OUTCOMES = Layout(
    PRC_OUTCOMES,
    "crime outcomes",
    OFFENCE_COLUMNS + OUTCOME_COLUMNS,
    OUTCOME_COUNTS,
    ("Financial Year", "Financial Quarter", "Force Name", "Offence Code", "Outcome Type"),
    numbered=("Outcome Type",),
    optional=(EXPIRED,),
    not_given=True,
)


def _landing_name(column: str) -> str:
    return column.lower().replace(" ", "_")


YEAR_SHEET = re.compile(r"^\s*(\d{4})\s*[-_/]\s*(\d{2})\s*$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}  # first calendar month of each financial quarter
_NUMBER = re.compile(r"[0-9]+")
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: '²' is a digit to str.isdigit


@dataclass
class PrcRead:
    """Landing rows (without _file_sha256) as one Arrow table per sheet, and report notes."""

    parts: list = field(default_factory=list)  # pyarrow Tables
    notes: list[str] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    layout: Layout | None = None  # the first sheet's; every later sheet must have the same
    subset: str | None = None  # an outcomes table of knife or firearm offences (offence_subset)

    @property
    def rows(self) -> int:
        return sum(part.num_rows for part in self.parts)

    @property
    def table(self) -> str:
        return PRC_SUBSET_OUTCOMES if self.subset else (self.layout or OFFENCES).table

    def add(self, layout: Layout, columns: dict[str, list], where: str) -> None:
        """Convert one sheet's lists to Arrow at once, so only one sheet is ever held as lists."""
        if self.layout is None:
            self.layout = layout
        elif layout is not self.layout:
            reason = f"a {layout.title} sheet in a {self.layout.title} workbook"
            raise FileRejected(Violation(where, 1, None, reason))
        if not columns:
            return  # a sheet with a header and no rows
        self.codes.update(columns["offence_code"])
        self.parts.append(to_arrow(layout.table, columns))


def is_prc_header(names: Iterable) -> bool:
    """The offence columns of a police recorded crime or crime outcomes table."""
    found = {normalise_name(n) for n in names}
    return {"forcename", "offencecode", "financialquarter"} <= found


def layout_of(header: Iterable) -> Layout:
    """The crime outcomes layout when the header has an outcome column, else recorded crime."""
    found = {normalise_name(n) for n in header}
    outcome = any(normalise_name(c) in found for c in OUTCOME_COLUMNS) or any(
        normalise_name(name) in found for names in OUTCOME_COUNTS.values() for name in names
    )
    return OUTCOMES if outcome else OFFENCES


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
        layout = layout_of(rows[0])
        result.add(
            layout, _read_rows(layout, rows[0], rows[1:], lines, where, name, expected_year), where
        )
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
    body = list(reader)
    # Line i + 2 holds record i unless a quoted value spans lines: then ask the reader.
    if len(body) + 1 == text.count("\n") + (not text.endswith("\n")):
        lines = list(range(2, len(body) + 2))
    else:
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader)
        body, lines = [], []
        for row in reader:
            body.append(row)
            lines.append(reader.line_num)  # physical line where the record ends
    layout = layout_of(header)
    result.add(layout, _read_rows(layout, header, body, lines, display, None, None), display)
    return _finish(result, display)


# --- rows -------------------------------------------------------------------------------------


def _sheet_year(match: re.Match, where: str) -> str:
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        reason = f"sheet name is not a financial year (expected {start}-{(start + 1) % 100:02d})"
        raise FileRejected(Violation(where, None, None, reason))
    return f"{start}/{end:02d}"


def _header_positions(
    layout: Layout, header: list, where: str
) -> tuple[dict[str, int], dict[str, tuple[int, str]]]:
    """{text column: index} and {landing count column: (index, the published name used)}."""
    names = [normalise_name(h) for h in header]
    positions: dict[str, int] = {}
    for column in layout.required:
        key = normalise_name(column)
        if key in names:
            positions[column] = names.index(key)
    missing = [c for c in layout.required if c not in positions]
    for column in layout.optional:
        if normalise_name(column) in names:
            positions[column] = names.index(normalise_name(column))
    if len(missing) == len(layout.required):
        shown = ", ".join(cell_text(h) for h in header if cell_text(h)) or "an empty row"
        reason = (
            f"unknown sheet layout: the first row is not the {layout.title} header (found {shown})"
        )
        raise FileRejected(Violation(where, 1, None, reason))
    if missing:
        reason = f"required column missing from the {layout.title} header"
        raise FileRejected(Violation(where, 1, ", ".join(missing), reason))
    counts: dict[str, tuple[int, str]] = {}
    for column, published in layout.counts.items():
        found = [c for c in published if normalise_name(c) in names]
        if not found:
            expected = " or ".join(repr(c) for c in published)
            raise FileRejected(
                Violation(
                    where, 1, " / ".join(published), f"count column missing (expected {expected})"
                )
            )
        if len(found) > 1:
            reason = "both count columns present: cannot tell which vintage this is"
            raise FileRejected(Violation(where, 1, ", ".join(found), reason))
        counts[column] = (names.index(normalise_name(found[0])), found[0])
    known = set(positions.values()) | {index for index, _ in counts.values()}
    unknown = [cell_text(h) for i, h in enumerate(header) if i not in known and cell_text(h)]
    if unknown:
        reason = f"unknown column in the {layout.title} header (not loaded, so the file is refused)"
        raise FileRejected(Violation(where, 1, ", ".join(unknown), reason))
    return positions, counts


def _read_rows(
    layout: Layout,
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
    positions, count_at = _header_positions(layout, header, where)
    absent = [column for column in layout.optional if column not in positions]
    width = max(*positions.values(), *(index for index, _ in count_at.values())) + 1
    kept, kept_lines = body, lines
    if not all(map(any, body)) or min(map(len, body), default=width) < width:
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
    for column in layout.key[2:]:
        empty = next((i for i, v in enumerate(text[column]) if not v), None)
        if empty is not None:
            problems.append((empty, Violation(where, kept_lines[empty], column, "empty value")))
    for column in layout.numbered:
        bad = next((i for i, v in enumerate(text[column]) if v and not _NUMBER.fullmatch(v)), None)
        if bad is not None:
            reason = f"not a whole number: {text[column][bad]!r}"
            if re.fullmatch(r"[0-9]+[a-z]", text[column][bad]):
                reason += (
                    " (an alternate-offence outcome: that table holds subsets of types 1 to 3, "
                    "so loading it would count them twice; load the crime outcomes table)"
                )
            problems.append((bad, Violation(where, kept_lines[bad], column, reason)))
    counts: dict[str, list[int]] = {}
    for column, (index, name) in count_at.items():
        counts[column], bad = _counts(columns[index], layout.not_given)
        if bad is not None:
            shown = cell_text(columns[index][bad])
            reason = f"not a whole number: {repr(shown) if shown else 'empty'}"
            if _WHOLE.fullmatch(shown):
                reason = f"implausible count {shown} (at most {MAX_INTEGER:,} either way)"
            problems.append((bad, Violation(where, kept_lines[bad], name, reason)))
    keys = list(zip(*(text[c] for c in layout.key), strict=True))
    seen: dict[tuple, int] = {}
    for i, key in enumerate(keys if len(set(keys)) < len(keys) else ()):
        first = seen.setdefault(key, i)
        if first != i:
            shown = ", ".join(f"{c} {v}" for c, v in zip(layout.key, key, strict=True))
            reason = f"row delivered twice: {shown} (rows {kept_lines[first]} and {kept_lines[i]})"
            problems.append((i, Violation(where, kept_lines[i], layout.key[-1], reason)))
            break
    if problems:
        raise FileRejected(min(problems, key=lambda p: p[0])[1])

    parsed = [quarter_of[pair] for pair in pairs]
    n = len(kept)
    landed = {_landing_name(column): values for column, values in text.items()}
    landed |= {_landing_name(column): [""] * n for column in absent}
    vintage = (
        {layout.vintage: [name for _, name in count_at.values()] * n} if layout.vintage else {}
    )
    return {
        **landed,
        "financial_quarter": [q for q, _ in parsed],
        "quarter_start": [start for _, start in parsed],
        **counts,
        **vintage,
        "_sheet": [sheet] * n,
        "_line_number": kept_lines,
    }


def _texts(values: tuple) -> list[str]:
    if set(map(type, values)) <= {str}:
        return list(map(str.strip, values))
    return [cell_text(v) for v in values]


_WHOLE_LINES = re.compile(r"-?[0-9]+(?:\n-?[0-9]+)*")


def _counts(values: tuple, not_given: bool = False) -> tuple[list[int | None], int | None]:
    """Whole counts, and the index of the first value that is not one (with not_given, an
    N/A cell is None: the count is not published, which is not 0).

    Counts are signed: crimes recorded in an earlier quarter and later transferred or
    cancelled are taken off in a later quarter as negative rows (Home Office user guide).
    """
    if values and set(map(type, values)) <= {str} and _WHOLE_LINES.fullmatch("\n".join(values)):
        try:  # every value a bare whole number, as CSV exports give them
            numbers = list(map(int, values))
        except ValueError:  # more digits than Python converts: the loop below says which
            numbers = None
        if numbers and min(numbers) >= -MAX_INTEGER and max(numbers) <= MAX_INTEGER:
            return numbers, None
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
                # Past 19 digits it is implausible anyway (and Python refuses 4,300 or more).
                number = int(stripped) if len(stripped) <= 20 else MAX_INTEGER + 1
            elif not_given and _NOT_GIVEN.match(stripped):
                append(None)
                continue
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


# Outcomes tables for a subset of offences share the layout of the table for all offences and
# are told apart by their file names ("Crime outcomes for offences involving knives or sharp
# instruments", "... involving firearms"): each lands as its own subset, so it never replaces the
# all-offence table's quarters, nor the other subset's.
SUBSETS = {
    "knives_or_sharp_instruments": re.compile(r"knife|knives|sharp", re.IGNORECASE),
    "firearms": re.compile(r"firearm", re.IGNORECASE),
}


def offence_subset(file_name: str) -> str | None:
    """The offence subset a PRC file is named for, None (all offences), or "ambiguous" (the
    name says both)."""
    found = [subset for subset, pattern in SUBSETS.items() if pattern.search(file_name)]
    return found[0] if len(found) == 1 else ("ambiguous" if found else None)


def _finish(result: PrcRead, display: str) -> PrcRead:
    if not result.rows:
        raise FileRejected(Violation(display, None, None, "no data rows"))
    subset = offence_subset(Path(display.split(" [sheet ")[0]).name)
    if result.table == PRC_OFFENCES and subset is not None:
        # Only the outcomes tables have a landing source per subset: loaded as the table of all
        # offences, a recorded crime table of knife or firearm offences would replace its quarters.
        reason = (
            "a recorded crime table of knife or firearm offences (by the file name) is not "
            "loaded: in the layout of the all-offence table it would replace that table's quarters"
        )
        raise FileRejected(Violation(display, None, None, reason))
    if result.table == PRC_OUTCOMES:
        if subset == "ambiguous":
            reason = (
                "the file name names both knives and firearms: which offences it counts is unclear"
            )
            raise FileRejected(Violation(display, None, None, reason))
        if subset is not None:
            import pyarrow as pa

            result.subset = subset
            result.parts = [
                part.add_column(
                    0, "offence_subset", pa.array([subset] * part.num_rows, pa.string())
                )
                for part in result.parts
            ]
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
